using TcbPush.Protocol.Crypto;

namespace TcbPush.Tests.Push;

public sealed class MessageSignatureTests
{
    [Fact]
    public void Published_vector_signs_to_its_sha1()
    {
        Assert.Equal("f464b24fc39322e44b38aa78f5edd27bd1441696", MessageSignature.Compute("AAAAA", "1714036504", "1514711492"));
    }

    [Fact]
    public void Signature_does_not_depend_on_the_order_of_the_parts()
    {
        Assert.Equal(MessageSignature.Compute("AAAAA", "1714036504", "1514711492"), MessageSignature.Compute("1514711492", "AAAAA", "1714036504"));
    }

    [Fact]
    public void Verify_accepts_the_signature_in_either_case()
    {
        Assert.True(MessageSignature.Verify("F464B24FC39322E44B38AA78F5EDD27BD1441696", "AAAAA", "1714036504", "1514711492"));
    }

    [Theory]
    [InlineData("f464b24fc39322e44b38aa78f5edd27bd1441697")]
    [InlineData("f464b24fc39322e44b38aa78f5edd27bd144169")]
    [InlineData("")]
    [InlineData(null)]
    public void Verify_refuses_any_other_signature(string? offered)
    {
        Assert.False(MessageSignature.Verify(offered, "AAAAA", "1714036504", "1514711492"));
    }
}
