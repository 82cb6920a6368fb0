using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>A news card of exactly one article (official accounts). <c>msgtype</c> <c>news</c>.</summary>
/// <param name="Article">The article.</param>
public sealed record NewsMessage(NewsArticle Article) : CustomMessage
{
    /// <inheritdoc/>
    public override string MsgType => "news";

    internal override void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartArray("articles");
        JsonSerializer.Serialize(json, Article, ClientJson.Default.NewsArticle);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}

/// <summary>The article of a <see cref="NewsMessage"/>.</summary>
/// <param name="Title">The title.</param>
/// <param name="Url">Where the article leads.</param>
/// <param name="Description">The summary.</param>
/// <param name="PicUrl">The picture's URL.</param>
public sealed record NewsArticle(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("picurl")] string? PicUrl = null);
