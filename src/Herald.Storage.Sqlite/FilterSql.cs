using System.Text;
using Herald.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

/// <summary>
/// Builds the <c>AND ...</c> clauses of a <see cref="QueryFilter"/> with numbered parameters: OR within a field,
/// AND across fields; <c>timeColumn</c> is what <c>fromDate</c>/<c>toDate</c> bound.
/// </summary>
internal sealed class FilterSql(string alias)
{
    private readonly StringBuilder _sql = new();
    private readonly List<(string Name, object Value)> _parameters = [];

    public static FilterSql Build(QueryFilter filter, string alias, string timeColumn, string messageIdColumn)
    {
        var sql = new FilterSql(alias);
        sql.In(messageIdColumn, filter.MessageIds);
        sql.In("dlq_id", filter.DlqIds);
        sql.In("url", filter.Urls);
        sql.In("host", filter.Hosts?.Select(h => h.ToLowerInvariant()).ToList());
        sql.In("path", filter.Paths);
        sql.In("topic_name", filter.TopicNames);
        sql.In("queue_name", filter.QueueNames);
        sql.In("schedule_id", filter.ScheduleIds);
        sql.In("flow_key", filter.FlowControlKeys);
        sql.In("caller_ip", filter.CallerIps);
        sql.In("response_status", filter.ResponseStatuses?.Cast<object>().ToList());
        sql.In("state", filter.States?.Select(s => (object)(int)s).ToList());
        sql.Labels(filter.Labels);
        if (filter.FromDate is { } from)
        {
            sql.Clause($"{sql.Column(timeColumn)} >= {sql.Add(from.ToUnixTimeMilliseconds())}");
        }

        if (filter.ToDate is { } to)
        {
            sql.Clause($"{sql.Column(timeColumn)} <= {sql.Add(to.ToUnixTimeMilliseconds())}");
        }

        return sql;
    }

    public override string ToString() => _sql.ToString();

    public void Bind(SqliteCommand command)
    {
        foreach (var (name, value) in _parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }

    private void In<T>(string column, IReadOnlyList<T>? values)
        where T : notnull
    {
        if (values is null || values.Count == 0)
        {
            return;
        }

        var names = values.Select(v => Add(v)).ToList();
        Clause($"{Column(column)} IN ({string.Join(", ", names)})");
    }

    private void Labels(IReadOnlyList<string>? labels)
    {
        if (labels is null || labels.Count == 0)
        {
            return;
        }

        var tests = labels.Select(l => $"instr({Column("labels")}, {Add("\n" + l + "\n")}) > 0");
        Clause("(" + string.Join(" OR ", tests) + ")");
    }

    private void Clause(string clause) => _sql.Append(" AND ").Append(clause);

    private string Column(string column) => alias.Length == 0 ? column : alias + "." + column;

    private string Add(object value)
    {
        var name = "$f" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters.Add((name, value));
        return name;
    }
}
