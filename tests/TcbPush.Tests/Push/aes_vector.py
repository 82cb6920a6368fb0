# Builds the known-ciphertext vector of WeChatMessageCryptTests independently of the C# code
# (WXBizMsgCrypt scheme, with python's `cryptography`), and prints the openssl command that checks it.
import base64, struct
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

encoding_aes_key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
appid = "wx0123456789abcdef"
prefix = bytes.fromhex("a1b2c3d4e5f60718293a4b5c6d7e8f90")
message = ("<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>"
           "<FromUserName><![CDATA[oUser-0001]]></FromUserName><CreateTime>1714036504</CreateTime>"
           "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好, TcbPush]]></Content>"
           "<MsgId>24567890123456789</MsgId></xml>").encode("utf-8")

key = base64.b64decode(encoding_aes_key + "=")
iv = key[:16]
plain = prefix + struct.pack(">I", len(message)) + message + appid.encode()
pad = 32 - len(plain) % 32
plain += bytes([pad]) * pad
enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
ciphertext = enc.update(plain) + enc.finalize()
print(base64.b64encode(ciphertext).decode())
print(f"openssl enc -d -aes-256-cbc -nopad -K {key.hex()} -iv {iv.hex()} -A -a")
