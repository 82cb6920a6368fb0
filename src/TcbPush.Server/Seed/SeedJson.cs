using System.Text.Json.Serialization;

namespace TcbPush.Server.Seed;

[JsonSourceGenerationOptions(AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(SeedFile))]
internal sealed partial class SeedJson : JsonSerializerContext;
