using System.Text.Json;
using TcbPush.Protocol;
using TcbPush.Server.CallbackConfig;

namespace TcbPush.Tests.CallbackConfig;

/// <summary>SPEC §4's validation rules, one per test, on the pure validator.</summary>
public sealed class CallbackConfigValidatorTests
{
    private const string ValidCallback = """{"msgType":"text","event":"","env":"env-ok","functionName":"onText","enable":true}""";

    [Fact]
    public void Neither_block_is_40101() => AssertError("""{"other":1}""", ErrCode.MissingParameter);

    [Fact]
    public void Null_blocks_count_as_absent() => AssertError("""{"function_config":null,"container_config":null}""", ErrCode.MissingParameter);

    [Fact]
    public void Function_block_alone_leaves_container_untouched()
    {
        var patch = Valid("""{"function_config":{"callbacks":[""" + (ValidCallback) + """]}}""");

        Assert.Null(patch.Container);
        Assert.True(patch.Function!.Enable);
        Assert.Equal(new Callback("text", "", "env-ok", "onText", true), Assert.Single(patch.Function.Callbacks));
    }

    [Fact]
    public void Callbacks_default_to_empty() => Assert.Empty(Valid("""{"function_config":{"enable":false}}""").Function!.Callbacks);

    [Fact]
    public void Enable_and_event_default_when_omitted()
    {
        var callback = Valid("""{"function_config":{"callbacks":[{"msgType":"image","env":"e","functionName":"f"}]}}""").Function!.Callbacks[0];

        Assert.Equal(("", true), (callback.Event, callback.Enable));
    }

    [Theory]
    [InlineData("msgType")]
    [InlineData("env")]
    [InlineData("functionName")]
    public void Callback_missing_a_required_field_is_40101(string field)
    {
        var callback = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(ValidCallback)!;
        callback.Remove(field);

        AssertError("""{"function_config":{"callbacks":[""" + (JsonSerializer.Serialize(callback)) + """]}}""", ErrCode.MissingParameter);
    }

    [Theory]
    [InlineData("""{"msgType":"Text","env":"e","functionName":"f"}""")]
    [InlineData("""{"msgType":"","env":"e","functionName":"f"}""")]
    [InlineData("""{"msgType":"abcdefghijklmnopqrstuvwxyzabcdefg","env":"e","functionName":"f"}""")]
    [InlineData("""{"msgType":"text\n","env":"e","functionName":"f"}""")]
    [InlineData("""{"msgType":"event","event":"","env":"e","functionName":"f"}""")]
    [InlineData("""{"msgType":"event","event":"bad-name","env":"e","functionName":"f"}""")]
    [InlineData("""{"msgType":"text","event":"subscribe","env":"e","functionName":"f"}""")]
    [InlineData("""{"msgType":"text","env":"bad_env","functionName":"f"}""")]
    [InlineData("""{"msgType":"text","env":"","functionName":"f"}""")]
    [InlineData("""{"msgType":"text","env":"e","functionName":"9f"}""")]
    [InlineData("""{"msgType":"text","env":"e","functionName":"f.g"}""")]
    [InlineData("""{"msgType":"text","env":"e","functionName":"f1234567890123456789012345678901234567890123456789012345678901"}""")]
    [InlineData("""{"msgType":"text","env":"e","functionName":"f","enable":1}""")]
    [InlineData("""{"msgType":1,"env":"e","functionName":"f"}""")]
    [InlineData("""[]""")]
    public void Callback_breaking_a_rule_is_40097(string callback) =>
        AssertError("""{"function_config":{"callbacks":[""" + (callback) + """]}}""", ErrCode.InvalidArgs);

    [Fact]
    public void Unknown_message_types_and_events_are_accepted() =>
        Valid("""{"function_config":{"callbacks":[{"msgType":"brand_new_type","env":"e","functionName":"f"},{"msgType":"event","event":"NewEvent_2","env":"e","functionName":"f"}]}}""");

    [Fact]
    public void The_same_pair_twice_is_40097() =>
        AssertError("""{"function_config":{"callbacks":[""" + (ValidCallback) + """,""" + (ValidCallback.Replace("onText", "other", StringComparison.Ordinal)) + """]}}""", ErrCode.InvalidArgs);

    [Fact]
    public void The_same_type_with_different_events_is_accepted() =>
        Valid("""{"function_config":{"callbacks":[{"msgType":"event","event":"a","env":"e","functionName":"f"},{"msgType":"event","event":"b","env":"e","functionName":"f"}]}}""");

    [Fact]
    public void One_hundred_callbacks_are_accepted() => Valid(CallbacksJson(100));

    [Fact]
    public void More_than_one_hundred_callbacks_is_40097() => AssertError(CallbacksJson(101), ErrCode.InvalidArgs);

    [Fact]
    public void Callbacks_not_an_array_is_40097() => AssertError("""{"function_config":{"callbacks":{}}}""", ErrCode.InvalidArgs);

    [Fact]
    public void Function_config_not_an_object_is_40097() => AssertError("""{"function_config":"on"}""", ErrCode.InvalidArgs);

    [Fact]
    public void Enabled_container_is_read_whole()
    {
        var container = Valid("""{"container_config":{"enable":true,"qbase_env":"env-ok","qbase_container_path":"/a/b-c_d.e","text_mode":2}}""").Container;

        Assert.Equal(new ContainerConfig(true, "env-ok", "/a/b-c_d.e", 2), container);
    }

    [Fact]
    public void Container_enable_and_text_mode_default() =>
        Assert.Equal(new ContainerConfig(true, "e", "/p", 1), Valid("""{"container_config":{"qbase_env":"e","qbase_container_path":"/p"}}""").Container);

    [Theory]
    [InlineData("qbase_env")]
    [InlineData("qbase_container_path")]
    public void Enabled_container_without_a_required_field_is_40101(string field) =>
        AssertError("""{"container_config":{"enable":true,"qbase_env":"e","qbase_container_path":"/p"}}""".Replace($"\"{field}\"", "\"unused\"", StringComparison.Ordinal), ErrCode.MissingParameter);

    [Fact]
    public void Disabled_container_may_omit_env_and_path() =>
        Assert.Equal(new ContainerConfig(false, "", "", 1), Valid("""{"container_config":{"enable":false}}""").Container);

    [Fact]
    public void Disabled_container_keeps_what_it_was_given() =>
        Assert.Equal(new ContainerConfig(false, "env-ok", "/keep", 2), Valid("""{"container_config":{"enable":false,"qbase_env":"env-ok","qbase_container_path":"/keep","text_mode":2}}""").Container);

    [Theory]
    [InlineData("noslash")]
    [InlineData("/a/../b")]
    [InlineData("/..")]
    [InlineData("/a/./b")]
    [InlineData("/a/%2e%2e/b")]
    [InlineData("/a%2fb")]
    [InlineData("/a//b")]
    [InlineData("/a?b=1")]
    [InlineData("/a#b")]
    [InlineData("/a\\b")]
    [InlineData("/a b")]
    [InlineData("/a\tb")]
    [InlineData("/a\u0001b")]
    public void Container_path_breaking_a_rule_is_40097(string path) =>
        AssertError(ContainerJson(path), ErrCode.InvalidArgs);

    [Fact]
    public void Container_path_of_1024_characters_is_accepted() => Valid(ContainerJson("/" + new string('a', 1023)));

    [Fact]
    public void Container_path_over_1024_characters_is_40097() => AssertError(ContainerJson("/" + new string('a', 1024)), ErrCode.InvalidArgs);

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("\"1\"")]
    [InlineData("1.5")]
    public void Text_mode_other_than_1_or_2_is_40097(string textMode) =>
        AssertError("""{"container_config":{"enable":true,"qbase_env":"e","qbase_container_path":"/p","text_mode":""" + textMode + "}}", ErrCode.InvalidArgs);

    [Fact]
    public void Container_enable_as_a_string_is_40097() =>
        AssertError("""{"container_config":{"enable":"yes","qbase_env":"e","qbase_container_path":"/p"}}""", ErrCode.InvalidArgs);

    [Fact]
    public void Keys_are_matched_after_trimming() =>
        Assert.Equal("/p", Valid("""{" container_config ":{"enable":true,"qbase_env ":"e","qbase_container_path ":"/p"}}""").Container!.QbaseContainerPath);

    [Fact]
    public void Both_enabled_in_the_result_is_exclusive()
    {
        var both = new CallbackConfiguration(new FunctionConfig(true, []), new ContainerConfig(true, "e", "/p", 1));

        Assert.Equal(ErrCode.InvalidArgs, CallbackConfigValidator.CheckExclusive(both)?.Code);
        Assert.Null(CallbackConfigValidator.CheckExclusive(both with { FunctionConfig = FunctionConfig.Default }));
    }

    [Fact]
    public void Patch_replaces_present_blocks_whole()
    {
        var stored = new CallbackConfiguration(new FunctionConfig(true, [new Callback("text", "", "e", "f", true)]), ContainerConfig.Default);
        var patch = Valid("""{"function_config":{"enable":false}}""");

        Assert.Equal(new CallbackConfiguration(new FunctionConfig(false, []), ContainerConfig.Default), patch.ApplyTo(stored));
    }

    private static string ContainerJson(string path) =>
        """{"container_config":{"enable":true,"qbase_env":"e","qbase_container_path":""" + JsonSerializer.Serialize(path) + "}}";

    private static string CallbacksJson(int count) =>
        """{"function_config":{"callbacks":[""" +
        string.Join(",", Enumerable.Range(0, count).Select(i => "{\"msgType\":\"event\",\"event\":\"e" + i + "\",\"env\":\"e\",\"functionName\":\"f\"}")) + "]}}";

    private static CallbackConfigPatch Valid(string json)
    {
        using var document = LenientJson.Parse(System.Text.Encoding.UTF8.GetBytes(json));
        var result = CallbackConfigValidator.Validate(document.RootElement);
        Assert.True(result.Error is null, $"expected valid, got {result.Error}");
        return result.Value;
    }

    private static void AssertError(string json, int code)
    {
        using var document = LenientJson.Parse(System.Text.Encoding.UTF8.GetBytes(json));
        var result = CallbackConfigValidator.Validate(document.RootElement);
        Assert.True(result.Error is not null, "expected an error, got a valid patch");
        Assert.Equal(code, result.Error.Code);
    }
}
