namespace Herald.Contracts.Wire;

/// <summary>Attempts this node may run at once, and runs now.</summary>
/// <param name="ParallelismMax">The node's limit.</param>
/// <param name="ParallelismCount">Attempts in flight.</param>
public sealed record GlobalParallelismResponse(int ParallelismMax, int ParallelismCount);
