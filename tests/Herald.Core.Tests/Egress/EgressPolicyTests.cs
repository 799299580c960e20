using System.Net;
using Herald.Core.Egress;

namespace Herald.Core.Tests.Egress;

public sealed class EgressPolicyTests
{
    [Theory]
    [InlineData("10.254.0.0")]
    [InlineData("192.168.10.65")]
    [InlineData("172.16.10.65")]
    [InlineData("172.31.255.255")]
    [InlineData("0.1.2.3")]
    [InlineData("0.0.0.0")]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("169.254.45.1")]
    [InlineData("169.254.169.254")]
    [InlineData("255.255.255.255")]
    [InlineData("192.0.2.255")]
    [InlineData("198.51.100.65")]
    [InlineData("203.0.113.6")]
    [InlineData("100.100.0.0")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("192.0.0.0")]
    [InlineData("192.0.0.170")]
    [InlineData("192.88.99.1")]
    [InlineData("250.10.20.30")]
    [InlineData("240.0.0.1")]
    [InlineData("198.18.0.0")]
    [InlineData("198.19.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::127.0.0.1")]
    [InlineData("::10.0.0.1")]
    [InlineData("fe80::1")]
    [InlineData("febf:ffff::1")]
    [InlineData("fec0::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("ff02::1")]
    [InlineData("2001:db8::1")]
    [InlineData("3fff::1")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("64:ff9b:1::a00:1")]
    [InlineData("100::1")]
    [InlineData("2001::1")]
    [InlineData("2001:1ff:ffff::1")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("2002:a00:1::1")]
    [InlineData("::")]
    public void IsAllowed_NonPublicAddress_IsBlockedByDefault(string address)
    {
        var ip = IPAddress.Parse(address);

        Assert.False(EgressPolicy.IsPublic(ip));
        Assert.False(EgressPolicy.Default.IsAllowed(ip));
    }

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.0.1.1")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:200::1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("::8.8.8.8")]
    [InlineData("2002:808:808::1")]
    public void IsAllowed_PublicAddress_IsAllowedByDefault(string address)
    {
        var ip = IPAddress.Parse(address);

        Assert.True(EgressPolicy.IsPublic(ip));
        Assert.True(EgressPolicy.Default.IsAllowed(ip));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("fc00::1", false)]
    [InlineData("8.8.8.8", true)]
    public void IsAllowed_LoopbackAllowList_AllowsOnlyLoopbackAndPublic(string address, bool expected)
    {
        var policy = new EgressPolicy(EgressPolicy.LoopbackNetworks);

        Assert.Equal(expected, policy.IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("::ffff:192.168.1.1", true)]
    [InlineData("fd12::1", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("169.254.169.254", false)]
    public void IsAllowed_PrivateAllowList_AllowsOnlyPrivate(string address, bool expected)
    {
        var policy = new EgressPolicy(EgressPolicy.PrivateNetworks);

        Assert.Equal(expected, policy.IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public void IsAllowed_SingleHostAllowList_AllowsOnlyThatHost()
    {
        var policy = new EgressPolicy([IPNetwork.Parse("169.254.169.254/32")]);

        Assert.True(policy.IsAllowed(IPAddress.Parse("169.254.169.254")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("169.254.169.253")));
    }

    [Fact]
    public void Constructor_CopiesNetworks()
    {
        var networks = new List<IPNetwork> { IPNetwork.Parse("10.0.0.0/8") };
        var policy = new EgressPolicy(networks);
        networks.Clear();

        Assert.Equal([IPNetwork.Parse("10.0.0.0/8")], policy.AllowedNetworks);
        Assert.Empty(EgressPolicy.Default.AllowedNetworks);
    }

    [Fact]
    public void WellKnownNetworks_HaveExpectedContents()
    {
        Assert.Equal([IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")], EgressPolicy.LoopbackNetworks);
        Assert.Equal(
            [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("fc00::/7")],
            EgressPolicy.PrivateNetworks);
    }
}
