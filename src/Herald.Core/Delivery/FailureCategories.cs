namespace Herald.Core.Delivery;

public static class FailureCategories
{
    public static string ToWire(FailureCategory category) => category switch
    {
        FailureCategory.HttpStatus => "http_status",
        FailureCategory.Timeout => "timeout",
        FailureCategory.ConnectionRefused => "connection_refused",
        FailureCategory.ConnectionReset => "connection_reset",
        FailureCategory.Dns => "dns",
        FailureCategory.Tls => "tls",
        FailureCategory.BlockedAddress => "blocked_address",
        FailureCategory.ConnectionError => "connection_error",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
