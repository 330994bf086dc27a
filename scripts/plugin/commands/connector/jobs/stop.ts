import { jobsCommandFor } from '../../../jobs-command.ts';

/** sf connector jobs stop */
export default jobsCommandFor('stop');
