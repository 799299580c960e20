using Herald.Core.Configuration;
using Herald.Core.Publishing;
using Microsoft.Extensions.Options;

namespace Herald.Server.Api.Support;

/// <summary>What a publish handler needs, bound as one parameter.</summary>
internal sealed record PublishServices(
    PublishRequestParser Parser,
    PublishPlanner Planner,
    MessagePublisher Publisher,
    IOptions<MessageOptions> Options);
