using Herald.Core.Messages;

namespace Herald.Core.Schedules;

/// <summary>
/// What a schedule's stored headers configure, for showing it: the spec its messages get (URL empty for a URL group),
/// the delay and the timeout in whole seconds when they were given, and a problem when the stored headers no longer
/// pass validation (e.g. after a configuration change lowered a limit).
/// </summary>
public sealed record ScheduleSettings(MessageSpec Spec, long? DelaySeconds, long? TimeoutSeconds, string? Problem);
