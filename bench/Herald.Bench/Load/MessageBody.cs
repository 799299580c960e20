using System.Text;

namespace Herald.Bench.Load;

/// <summary>1 KiB JSON bodies, <c>{"seq":0000000042,"pad":"xx…"}</c>: the same size every time, a different body per message.</summary>
internal static class MessageBody
{
    public const int Size = 1024;
    private const int SeqDigits = 10;
    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes("{\"seq\":");
    private static readonly byte[] Template = BuildTemplate();

    public static byte[] Create(int seq)
    {
        var body = (byte[])Template.Clone();
        var value = (uint)seq;
        for (var i = Prefix.Length + SeqDigits - 1; i >= Prefix.Length; i--)
        {
            body[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        return body;
    }

    private static byte[] BuildTemplate()
    {
        var head = "{\"seq\":" + new string('0', SeqDigits) + ",\"pad\":\"";
        const string Tail = "\"}";
        var json = head + new string('x', Size - head.Length - Tail.Length) + Tail;
        return Encoding.ASCII.GetBytes(json);
    }
}
