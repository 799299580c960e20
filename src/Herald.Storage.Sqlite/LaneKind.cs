namespace Herald.Storage.Sqlite;

/// <summary>What a lane orders: a queue, or a flow-control key's messages that are not in a queue.</summary>
internal enum LaneKind
{
    Queue = 0,
    FlowKey = 1,
}
