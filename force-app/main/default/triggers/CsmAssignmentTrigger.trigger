/** A CSM changed on the record page is a hand edit: it becomes Manual so the sync never overwrites it. */
trigger CsmAssignmentTrigger on CsmAssignment__c(before update) {
  CsmSyncService.markHandEdits(Trigger.new, Trigger.oldMap);
}
