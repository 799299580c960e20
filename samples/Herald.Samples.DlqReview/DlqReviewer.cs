using System.Globalization;
using System.Text;
using Herald.Client;
using Herald.Client.Dlq;
using Herald.Contracts.Wire;

namespace Herald.Samples.DlqReview;

/// <summary>
/// Reviews the dead letter queue: the messages Herald gave up on, with the consumer's last answer (why it failed), and
/// retries or deletes each one.
/// </summary>
public sealed class DlqReviewer(HeraldClient herald, TextWriter output)
{
    /// <summary>Prints every DLQ entry with the label <c>orders</c>, then applies <paramref name="action"/> to it; returns the entries.</summary>
    public async Task<IReadOnlyList<MessageResponse>> ReviewAsync(DlqAction action, CancellationToken cancellationToken = default)
    {
        var reviewed = new List<MessageResponse>();
        await foreach (var entry in herald.Dlq.ListAsync(new DlqFilter { Labels = ["orders"] }, cancellationToken: cancellationToken))
        {
            reviewed.Add(entry);
            await output.WriteLineAsync(Describe(entry));
            switch (action)
            {
                case DlqAction.Retry:
                    var messageId = await herald.Dlq.RetryAsync(entry.DlqId!, cancellationToken: cancellationToken);
                    await output.WriteLineAsync($"  retried as {messageId}");
                    break;
                case DlqAction.Delete:
                    await herald.Dlq.DeleteAsync(entry.DlqId!, cancellationToken);
                    await output.WriteLineAsync("  deleted");
                    break;
            }
        }

        await output.WriteLineAsync(reviewed.Count == 0 ? "The dead letter queue is empty." : $"{reviewed.Count} dead-lettered message(s).");
        return reviewed;
    }

    private static string Describe(MessageResponse entry)
    {
        var created = DateTimeOffset.FromUnixTimeMilliseconds(entry.CreatedAt).ToString("u", CultureInfo.InvariantCulture);
        var why = entry.ResponseStatus is { } status
            ? $"the consumer answered {status}: {entry.ResponseBody}"
            : $"{entry.ErrorCategory ?? "error"}: {entry.Error}";
        return new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{entry.DlqId}  message {entry.MessageId}, created {created}, {entry.MaxRetries} retries")
            .AppendLine()
            .Append(CultureInfo.InvariantCulture, $"  to   {entry.Method} {entry.Url}")
            .AppendLine()
            .Append(CultureInfo.InvariantCulture, $"  body {entry.Body}")
            .AppendLine()
            .Append(CultureInfo.InvariantCulture, $"  why  {why}")
            .ToString();
    }
}
