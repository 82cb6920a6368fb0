using static TcbPush.Tests.ThirdParty.ThirdPartyServer;

namespace TcbPush.Tests.ThirdParty;

/// <summary>An authorizer token reaches the tcb endpoints only with permission set 49 or 64.</summary>
public sealed class PermissionSetTests
{
    [Fact]
    public async Task Authorizer_token_with_set_49_sets_and_gets_the_configuration()
    {
        await using var tp = await StartAsync();
        var token = await tp.AuthorizerTokenAsync(ComponentA, AppA);

        AssertOk(await tp.SetConfigAsync(token, "with49"));

        Assert.Equal("with49", await tp.ConfiguredFunctionAsync(token));
    }

    [Fact]
    public async Task Authorizer_token_with_set_64_sets_the_configuration()
    {
        await using var tp = await StartAsync();

        AssertOk(await tp.SetConfigAsync(await tp.AuthorizerTokenAsync(ComponentA, AppC)));
    }

    [Fact]
    public async Task Authorizer_token_without_49_or_64_answers_61007_on_set()
    {
        await using var tp = await StartAsync();

        AssertError(61007, await tp.SetConfigAsync(await tp.AuthorizerTokenAsync(ComponentA, AppB)));
    }

    [Fact]
    public async Task Authorizer_token_without_49_or_64_answers_61007_on_get()
    {
        await using var tp = await StartAsync();

        AssertError(61007, await tp.GetConfigAsync(await tp.AuthorizerTokenAsync(ComponentA, AppB)));
    }

    [Fact]
    public async Task Apps_own_token_needs_no_permission_set()
    {
        await using var tp = await StartAsync();

        AssertOk(await tp.SetConfigAsync(await tp.Server.TokenAsync(AppB)));
    }
}
