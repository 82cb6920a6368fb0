using System.Text.Json;
using System.Text.Json.Serialization;
using TcbPush.Protocol.Admin;

namespace TcbPush.Client;

/// <summary>
/// The SDK's reading and writing of the admin records of <see cref="AdminJson"/>: answers are read strictly (a
/// required field that is missing or null is an error, not a null), leniently about WeChat's quirks (trailing commas,
/// numbers sent as strings); null fields of requests are not sent.
/// </summary>
internal static class AdminWire
{
    public static readonly AdminJson Json = new(new JsonSerializerOptions(AdminJson.Default.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    });
}
