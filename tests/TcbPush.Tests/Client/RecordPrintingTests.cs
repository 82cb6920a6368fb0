using TcbPush.Protocol;
using TcbPush.Protocol.Admin;

namespace TcbPush.Tests.Client;

/// <summary>Records print readably, and a record that holds a secret (secret, token, ticket, code, key) never prints it.</summary>
public sealed class RecordPrintingTests
{
    private const string Secret = "s3cr3t-VALUE";

    public static TheoryData<object> RecordsHoldingSecrets() =>
    [
        new AccessTokenResponse(Secret, 7200),
        new StableTokenRequest("wxapp", Secret),
        new ComponentTokenRequest("wxcomponent", Secret, Secret),
        new ComponentAccessTokenResponse(Secret, 7200),
        new PreAuthCodeResponse(Secret, 600),
        new QueryAuthRequest("wxcomponent", Secret),
        new AuthorizationInfo("wxauthorizer", Secret, 7200, Secret, [new FuncInfo(new FuncScopeCategory(49))]),
        new AuthorizerTokenRequest("wxcomponent", "wxauthorizer", Secret),
        new AuthorizerTokenResponse(Secret, 7200, Secret),
        new AppRegistration("wxapp", Secret, Secret, Secret),
        new ComponentRegistration("wxcomponent", Secret, Secret),
        new TicketRegistration(Secret),
        new AuthorizationRegistration("wxcomponent", "wxauthorizer", [49], Secret),
        new AuthorizationGranted(true, Secret),
        new AuthorizationCodeResponse(Secret, 600),
    ];

    [Theory]
    [MemberData(nameof(RecordsHoldingSecrets))]
    public void Record_holding_a_secret_prints_it_hidden(object record)
    {
        var text = record.ToString()!;

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
        Assert.StartsWith(record.GetType().Name + " { ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hidden_secret_leaves_the_other_fields_readable() =>
        Assert.Equal("AuthorizationRegistration { ComponentAppId = wxcomponent, AuthorizerAppId = wxauthorizer, PermissionSets = [49, 64], AuthorizerRefreshToken = *** }",
            new AuthorizationRegistration("wxcomponent", "wxauthorizer", [49, 64], Secret).ToString());

    [Fact]
    public void Absent_secret_prints_as_null() =>
        Assert.Equal("AppRegistration { AppId = wxapp, Secret = ***, Token = null, EncodingAesKey = null, Kind = officialaccount }",
            new AppRegistration("wxapp", Secret, Kind: "officialaccount").ToString());

    [Fact]
    public void Status_prints_its_deliveries_by_status() =>
        Assert.Equal("ServerStatusInfo { Version = 0.1.0, Storage = sqlite, UptimeSeconds = 5, Apps = 1, Deliveries = { pending = 2, dead = 1 }, Backlog = 2, Dead = 1 }",
            new ServerStatusInfo("0.1.0", "sqlite", 5, 1, new Dictionary<string, long> { ["pending"] = 2, ["dead"] = 1 }, 2, 1).ToString());
}
