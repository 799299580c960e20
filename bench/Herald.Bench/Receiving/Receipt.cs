namespace Herald.Bench.Receiving;

/// <summary>What the receiver saw of one message id.</summary>
/// <param name="Attempts">Requests received with the id, failed ones included.</param>
/// <param name="Acknowledged">Requests answered 2xx (more than one means duplicates).</param>
/// <param name="FirstAckedAt">Stopwatch timestamp of the first 2xx answer, 0 if none.</param>
/// <param name="FirstAckedWallMs">Wall clock (Unix ms) of the first 2xx answer.</param>
internal readonly record struct Receipt(int Attempts, int Acknowledged, long FirstAckedAt, double FirstAckedWallMs);
