import { jobsCommandFor } from '../../../jobs-command.ts';

/** sf connector jobs restart */
export default jobsCommandFor('restart');
