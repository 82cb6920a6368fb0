using System.Text;
using TcbPush.Protocol.Crypto;

namespace TcbPush.Tests.Push;

/// <summary>
/// The WXBizMsgCrypt scheme. The known ciphertext below was made independently of this code by <c>aes_vector.py</c>
/// (python's <c>cryptography</c>) and checked with
/// <c>openssl enc -d -aes-256-cbc -nopad -K 69b71d79…831051 -iv 69b71d79…aabb2dba -A -a</c>, which shows the random
/// prefix, the big-endian length 0x00000106, the message, the appid and 20 bytes of padding 0x14.
/// </summary>
public sealed class WeChatMessageCryptTests
{
    private const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const string AppId = "wx0123456789abcdef";
    private const string Prefix = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private const string Message =
        "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>" +
        "<FromUserName><![CDATA[oUser-0001]]></FromUserName><CreateTime>1714036504</CreateTime>" +
        "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好, TcbPush]]></Content>" +
        "<MsgId>24567890123456789</MsgId></xml>";
    private const string KnownCiphertext =
        "nmKbtrpSw0e3d6EB7MY4xPs0idch2hRd778FGvRFsua5uJOnABmcg68kEoOW6HDnzzotlAliF7JMl34OBNUoM8Yti1LHP7Nz0X8fIllRCjJg0LepE+ZYxfAkScrtv6e8dqx6" +
        "M3/10OZqrWXBVQ+LetHoTnkU++ZRJYF0pxxy6dgnUyl0ff7DvvjWk+zoHYIrznhdrMXxKT94onmolEHLT4gSxh+VMSZX73RlMj9IfVQrqa4WD8UsuDsO3tMfTrVxls2X" +
        "9Obxq+zf0K32Jqt1B3nIoZr9qTJj4V51WywcsM4A+W36BJcCKgg9B6ulRb8gjdtDNrfI3zwLGqt7MOGbgc2HUIzFH17u/g5gFTw5fpkeAL+cRU1kK5bK59qLJBM0qz+S" +
        "/eC7cqV1k5z45WmYnvjMLPER/Cyvv3A6Mhebz98=";

    [Fact]
    public void Known_ciphertext_decrypts_to_its_message_and_appid()
    {
        var decrypted = new WeChatMessageCrypt(EncodingAesKey).Decrypt(KnownCiphertext);

        Assert.NotNull(decrypted);
        Assert.Equal(Message, Encoding.UTF8.GetString(decrypted.Message));
        Assert.Equal(AppId, decrypted.AppId);
    }

    [Fact]
    public void Encrypting_with_the_known_prefix_gives_the_known_ciphertext()
    {
        var encrypted = new WeChatMessageCrypt(EncodingAesKey).Encrypt(Message, AppId, Convert.FromHexString(Prefix));

        Assert.Equal(KnownCiphertext, encrypted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"MsgType\":\"text\"}")]
    [InlineData("a message exactly thirty-two b.")]
    public void Encrypt_then_decrypt_gives_back_message_and_appid(string message)
    {
        var crypt = new WeChatMessageCrypt(EncodingAesKey);

        var decrypted = crypt.Decrypt(crypt.Encrypt(message, AppId));

        Assert.Equal(message, Encoding.UTF8.GetString(decrypted!.Message));
        Assert.Equal(AppId, decrypted.AppId);
    }

    [Fact]
    public void Each_encryption_uses_a_fresh_random_prefix()
    {
        var crypt = new WeChatMessageCrypt(EncodingAesKey);

        Assert.NotEqual(crypt.Encrypt(Message, AppId), crypt.Encrypt(Message, AppId));
    }

    [Fact]
    public void Ciphertext_does_not_decrypt_under_another_key()
    {
        Assert.Null(new WeChatMessageCrypt("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg").Decrypt(KnownCiphertext));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("")]
    public void Text_that_is_not_whole_aes_blocks_does_not_decrypt(string encrypted)
    {
        Assert.Null(new WeChatMessageCrypt(EncodingAesKey).Decrypt(encrypted));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF!")]
    public void A_key_that_is_not_43_base64_characters_is_refused(string key)
    {
        Assert.Throws<ArgumentException>(() => new WeChatMessageCrypt(key));
    }
}
