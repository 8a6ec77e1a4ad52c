using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Blog.Web.Data;

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : toStore,
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));

/// <summary>PostgreSQL's timestamptz takes UTC times only: a local time is converted, an unmarked one is taken as UTC.</summary>
internal sealed class UtcTimestampConverter() : ValueConverter<DateTime, DateTime>(
    toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : DateTime.SpecifyKind(toStore, DateTimeKind.Utc),
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
