using System.ComponentModel;
using System.Globalization;

namespace Herald.Core.Configuration;

/// <summary>Lets configuration binding read <see cref="ByteSize"/> from text.</summary>
internal sealed class ByteSizeConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? ByteSize.TryParse(text, out var size) ? size : throw new FormatException($"'{text}' is not a size such as 65536, 64KiB or 1MiB")
            : base.ConvertFrom(context, culture, value);
}
