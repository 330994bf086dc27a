/**
 * Performs the connector's job commands as the user this trigger runs as: the user set in its
 * PlatformEventSubscriberConfig (the connector user, kept so by the CLI), else the Automated Process user.
 */
// platform-rule: platform-event-trigger-running-user — jobs scheduled here are owned by the trigger's running user.
trigger ConnectorJobCommandTrigger on ConnectorJobCommand__e(after insert) {
  JobCommandService.perform(Trigger.new);
}
