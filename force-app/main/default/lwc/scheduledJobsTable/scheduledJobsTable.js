import LightningDatatable from 'lightning/datatable';
import stateBadge from './stateBadge.html';

/** lightning-datatable with a badge cell type for job states. */
export default class ScheduledJobsTable extends LightningDatatable {
  static customTypes = {
    stateBadge: {
      template: stateBadge,
      standardCellLayout: true,
      typeAttributes: ['badgeClass']
    }
  };
}
