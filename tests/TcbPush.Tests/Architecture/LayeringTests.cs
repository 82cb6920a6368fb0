using NetArchTest.Rules;
using TcbPush.Server.Startup;

namespace TcbPush.Tests.Architecture;

/// <summary>
/// The dependency rules of ARCHITECTURE.md, checked on the compiled assemblies: dependencies point one way, so a new
/// cycle or a backward arrow fails here.
/// </summary>
public sealed class LayeringTests
{
    private const string Server = "TcbPush.Server.";

    /// <summary>Server features, lowest first: each may use the ones before it, never one after it.</summary>
    private static readonly string[] Features =
        ["Apps", "Credentials", "Component", "CallbackConfig", "Push", "Conversations", "Seed", "Console"];

    private static readonly string[] Foundations = ["Wire", "Secrets"];

    public static TheoryData<string> FeatureNames => new(Features);

    public static TheoryData<string> FoundationNames => new(Foundations);

    [Theory]
    [MemberData(nameof(FeatureNames))]
    public void A_feature_depends_on_no_later_feature_nor_on_storage_or_startup(string feature)
    {
        var later = Features.SkipWhile(f => f != feature).Skip(1).Append("Storage").Append("Startup");
        AssertNoDependency(Namespace(feature), later.Select(f => Server + f));
    }

    [Theory]
    [MemberData(nameof(FoundationNames))]
    public void Wire_and_secrets_depend_on_no_feature(string foundation)
    {
        var others = Features.Concat(Foundations).Where(f => f != foundation).Append("Storage").Append("Startup");
        AssertNoDependency(Namespace(foundation), others.Select(f => Server + f));
    }

    [Fact]
    public void Storage_implements_feature_interfaces_but_depends_on_no_feature_logic_nor_startup()
    {
        AssertNoDependency(Namespace("Storage"),
            [Server + "Startup", Server + "Push.Ingress", Server + "Push.Delivery", Server + "Push.Admin", Server + "Seed"]);
    }

    [Fact]
    public void Protocol_knows_nothing_of_hosting_storage_or_the_server()
    {
        var result = Types.InAssembly(typeof(TcbPush.Protocol.ErrCode).Assembly).ShouldNot()
            .HaveDependencyOnAny("Microsoft.AspNetCore", "Microsoft.Data.Sqlite", "Npgsql", "TcbPush.Server", "TcbPush.Client")
            .GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Fact]
    public void The_sdk_does_not_depend_on_the_server()
    {
        var result = Types.InAssembly(typeof(TcbPush.Client.WeChatClient).Assembly).ShouldNot()
            .HaveDependencyOnAny("TcbPush.Server", "Microsoft.AspNetCore", "Microsoft.Data.Sqlite", "Npgsql")
            .GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Fact]
    public void Every_server_type_lives_in_a_known_folder()
    {
        var known = Features.Concat(Foundations).Append("Storage").Append("Startup").Select(f => Server + f).ToArray();
        var strays = Types.InAssembly(typeof(TcbPushApp).Assembly).GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith("TcbPush.Server", StringComparison.Ordinal))
            .Where(t => !known.Any(k => t.Namespace == k || t.Namespace!.StartsWith(k + ".", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(strays);
    }

    private static string Namespace(string folder) => Server + folder;

    private static void AssertNoDependency(string ns, IEnumerable<string> forbidden)
    {
        var types = Types.InAssembly(typeof(TcbPushApp).Assembly).That().ResideInNamespace(ns);
        var result = types.ShouldNot().HaveDependencyOnAny([.. forbidden]).GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    private static string Describe(TestResult result) =>
        "forbidden dependencies in: " + string.Join(", ", result.FailingTypeNames ?? []);
}
