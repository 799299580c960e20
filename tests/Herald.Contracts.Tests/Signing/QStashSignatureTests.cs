using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using System.Text;
using Herald.Contracts.Signing;
using Microsoft.IdentityModel.Tokens;

namespace Herald.Contracts.Tests.Signing;

public sealed class QStashSignatureTests
{
    private const string Key = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";
    private static readonly DateTimeOffset IssuedAt = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sign_ProducesATokenThatAnIndependentLibraryValidates()
    {
        var body = Encoding.UTF8.GetBytes("{\"hello\":\"world\"}");
        var token = QStashSignature.Sign(Key, "https://example.com/api?x=1", body, IssuedAt, "jwt_abc");

        var handler = new JwtSecurityTokenHandler { MapInboundClaims = false };
        handler.ValidateToken(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)),
            ValidIssuer = "Upstash",
            ValidateAudience = false,
            ValidateLifetime = false,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        }, out var validated);
        var jwt = (JwtSecurityToken)validated;

        Assert.Equal("JWT", jwt.Header.Typ);
        Assert.Equal("https://example.com/api?x=1", jwt.Subject);
        Assert.Equal("jwt_abc", jwt.Id);
        Assert.Equal(IssuedAt.ToUnixTimeSeconds(), Convert.ToInt64(jwt.Payload["iat"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(IssuedAt.ToUnixTimeSeconds() + 300, Convert.ToInt64(jwt.Payload["exp"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(jwt.Payload["nbf"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Base64UrlEncoder.Encode(SHA256.HashData(body)) + "=", jwt.Payload["body"]);
    }

    [Fact]
    public void Sign_WithAnotherKey_FailsIndependentValidation()
    {
        var token = QStashSignature.Sign(Key, "https://example.com", [], IssuedAt, "jwt_x");

        var handler = new JwtSecurityTokenHandler();
        Assert.ThrowsAny<SecurityTokenException>(() => handler.ValidateToken(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs")),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
        }, out _));
    }

    [Fact]
    public void BodyHash_EmptyBody_IsTheHashOfZeroBytesWithPadding() =>
        Assert.Equal("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=", QStashSignature.BodyHash([]));

    [Fact]
    public void Sign_HeaderIsHs256Jwt()
    {
        var token = QStashSignature.Sign(Key, "https://example.com", [], IssuedAt, "jwt_x");

        var header = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[0]));
        Assert.Equal("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", header);
        Assert.Equal(3, token.Split('.').Length);
    }

    [Fact]
    public void Sign_SameInputs_GiveTheSameToken()
    {
        var a = QStashSignature.Sign(Key, "https://example.com", [1, 2, 3], IssuedAt, "jwt_same");
        var b = QStashSignature.Sign(Key, "https://example.com", [1, 2, 3], IssuedAt, "jwt_same");

        Assert.Equal(a, b);
        Assert.NotEqual(a, QStashSignature.Sign(Key, "https://example.com", [1, 2, 4], IssuedAt, "jwt_same"));
    }
}
