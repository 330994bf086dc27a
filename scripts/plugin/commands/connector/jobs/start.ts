import { jobsCommandFor } from '../../../jobs-command.ts';

/** sf connector jobs start */
export default jobsCommandFor('start');
