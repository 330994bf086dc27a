import { jobsCommandFor } from '../../../jobs-command.ts';

/** sf connector jobs runner */
export default jobsCommandFor('runner');
