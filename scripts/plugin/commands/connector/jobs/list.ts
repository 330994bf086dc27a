import { jobsCommandFor } from '../../../jobs-command.ts';

/** sf connector jobs list */
export default jobsCommandFor('list');
