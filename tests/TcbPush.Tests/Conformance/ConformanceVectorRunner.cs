using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Conformance;

/// <summary>
/// Runs every case of <c>vectors.json</c> (copied from the shared conformance suite) as data against one real server
/// seeded from <c>seed.template.json</c> with a local sink, exactly as the black-box runner does. Each storage backend
/// has a test class deriving from this, with its own <see cref="ServerWithSink"/>.
/// </summary>
public abstract class ConformanceVectorRunner(ConformanceVectorRunner.ServerWithSink fixture)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Conformance");

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases().Select(c => c["name"]!.GetValue<string>()))
        {
            data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames), MemberType = typeof(ConformanceVectorRunner))]
    public async Task Vector_holds(string caseName)
    {
        var vector = Cases().Single(c => c["name"]!.GetValue<string>() == caseName);
        var steps = vector["steps"]!.AsArray();
        for (var i = 0; i < steps.Count; i++)
        {
            var failure = await RunStepAsync(steps[i]!.AsObject());
            Assert.True(failure is null, $"step {i + 1}: {failure}");
        }
    }

    private static IEnumerable<JsonObject> Cases() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "vectors.json")))!["cases"]!.AsArray().Select(c => c!.AsObject());

    private async Task<string?> RunStepAsync(JsonObject step)
    {
        var server = fixture.Server!;
        var query = new StringBuilder();
        foreach (var (key, value) in step["query"]?.AsObject() ?? [])
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=')
                .Append(Uri.EscapeDataString(await ResolveAsync(value!.GetValue<string>())));
        }
        using var request = new HttpRequestMessage(new HttpMethod(step["method"]!.GetValue<string>()), step["path"]!.GetValue<string>() + query);
        if (step["raw_hex"] is { } hex)
        {
            request.Content = new ByteArrayContent(Convert.FromHexString(hex.GetValue<string>()));
        }
        else if (step["raw"] is { } raw)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(raw.GetValue<string>()));
        }
        else if (step["json"] is { } json)
        {
            request.Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json");
        }
        foreach (var (name, value) in step["headers"]?.AsObject() ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value!.GetValue<string>());
        }
        using var response = await server.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 200)
        {
            return $"HTTP {(int)response.StatusCode}, expected 200; body {text}";
        }
        if (JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }) is not JsonObject body)
        {
            return $"response is not a JSON object: {text}";
        }
        var expect = step["expect"]?.AsObject() ?? [];
        var allowed = expect["errcode"] switch
        {
            null => [0],
            JsonArray list => list.Select(n => n!.GetValue<int>()).ToArray(),
            var single => new[] { single.GetValue<int>() },
        };
        var errcode = body["errcode"]?.GetValue<int>() ?? 0;
        if (!allowed.Contains(errcode))
        {
            return $"errcode {errcode} ({body["errmsg"]}), expected {string.Join(" or ", allowed)}";
        }
        if (errcode != 0 && !(body["errmsg"]?.GetValue<string>() ?? "").Contains(" rid: ", StringComparison.Ordinal))
        {
            return $"errmsg {body["errmsg"]} carries no rid";
        }
        foreach (var field in expect["has"]?.AsArray() ?? [])
        {
            if (!body.ContainsKey(field!.GetValue<string>()))
            {
                return $"field {field} missing in {text}";
            }
        }
        if (expect["expires_in"] is { } expiresIn && body["expires_in"]?.GetValue<int>() != expiresIn.GetValue<int>())
        {
            return $"expires_in is {body["expires_in"]}, expected {expiresIn}";
        }
        if (expect["data"] is { } data && !JsonNode.DeepEquals(data, body["data"]))
        {
            return $"data is {body["data"]?.ToJsonString()}, expected {data.ToJsonString()}";
        }
        return null;
    }

    private async Task<string> ResolveAsync(string value)
    {
        if (!value.StartsWith("{{", StringComparison.Ordinal) || !value.EndsWith("}}", StringComparison.Ordinal))
        {
            return value;
        }
        var parts = value[2..^2].Split(':');
        var seed = fixture.Seed!;
        var server = fixture.Server!;
        switch (parts[0])
        {
            case "token":
                var app = seed["apps"]!.AsArray().Single(a => a!["appid"]!.GetValue<string>() == parts[1])!;
                return await server.TokenAsync(parts[1], app["secret"]!.GetValue<string>());
            case "authorizer_token":
                var component = seed["components"]!.AsArray().Single(c => c!["component_appid"]!.GetValue<string>() == parts[1])!;
                var authorization = seed["authorizations"]!.AsArray().Single(a =>
                    a!["component_appid"]!.GetValue<string>() == parts[1] && a["authorizer_appid"]!.GetValue<string>() == parts[2])!;
                var componentToken = await server.PostJsonAsync("/cgi-bin/component/api_component_token", new JsonObject
                {
                    ["component_appid"] = parts[1],
                    ["component_appsecret"] = component["component_appsecret"]!.GetValue<string>(),
                    ["component_verify_ticket"] = component["component_verify_ticket"]!.GetValue<string>(),
                });
                var authorizerToken = await server.PostJsonAsync(
                    "/cgi-bin/component/api_authorizer_token?component_access_token=" + Uri.EscapeDataString(componentToken["component_access_token"]!.GetValue<string>()),
                    new JsonObject
                    {
                        ["component_appid"] = parts[1],
                        ["authorizer_appid"] = parts[2],
                        ["authorizer_refresh_token"] = authorization["authorizer_refresh_token"]!.GetValue<string>(),
                    });
                return authorizerToken["authorizer_access_token"]!.GetValue<string>();
            default:
                throw new InvalidOperationException($"unknown placeholder {value}");
        }
    }

    /// <summary>One sink and one server seeded from the template, shared by every case as in the black-box runner.</summary>
    public abstract class ServerWithSink : IAsyncLifetime
    {
        public Sink? Sink { get; private set; }

        public TestServer? Server { get; private set; }

        public JsonNode? Seed { get; private set; }

        public async Task InitializeAsync()
        {
            Sink = await Sink.StartAsync();
            Seed = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "seed.template.json")).Replace("{{sink}}", Sink.Url, StringComparison.Ordinal));
            Server = await StartServerAsync(Seed!);
        }

        /// <summary>Starts the server under test with the seed given.</summary>
        protected abstract Task<TestServer> StartServerAsync(JsonNode seed);

        public async Task DisposeAsync()
        {
            await Server!.DisposeAsync();
            await Sink!.DisposeAsync();
        }
    }
}
