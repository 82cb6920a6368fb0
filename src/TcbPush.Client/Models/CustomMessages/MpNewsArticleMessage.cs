using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>A published article, by article id (official accounts). <c>msgtype</c> <c>mpnewsarticle</c>.</summary>
/// <param name="ArticleId">The published article's id.</param>
public sealed record MpNewsArticleMessage(
    [property: JsonPropertyName("article_id")] string ArticleId) : CustomMessage
{
    /// <inheritdoc/>
    public override string MsgType => "mpnewsarticle";

    internal override void WriteTo(Utf8JsonWriter json) => JsonSerializer.Serialize(json, this, ClientJson.Default.MpNewsArticleMessage);
}
