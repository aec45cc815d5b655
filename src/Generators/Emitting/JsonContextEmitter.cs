using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>
/// Emits the assembly's <c>JsonSerializerContext</c>: the same metadata calls System.Text.Json's own generator writes
/// (that generator cannot see our output), without its reflection-based attribute providers.
/// </summary>
internal static class JsonContextEmitter
{
    private const string Metadata = "global::System.Text.Json.Serialization.Metadata";
    private const string Options = "global::System.Text.Json.JsonSerializerOptions";

    public const string HintName = "SecureApiJsonContext.g.cs";

    public static string Emit(IReadOnlyList<JsonTypeSpec> types)
    {
        var writer = new SourceWriter();
        writer.Lines(SourceWriter.Header.Replace("#nullable enable", "#nullable enable annotations\n#nullable disable warnings")).Line();
        writer.Line($"namespace {Names.GeneratedNamespace};").Line();
        writer.Line("/// <summary>JSON metadata for every request and response type of this assembly's endpoints, read with <see cref=\"global::SecureApi.Infrastructure.StrictJson\"/> rules.</summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block($"internal sealed partial class {Names.JsonContext} : global::System.Text.Json.Serialization.JsonSerializerContext, {Metadata}.IJsonTypeInfoResolver"))
        {
            writer.Lines($$"""
                /// <summary>The context on strict request options.</summary>
                public static {{Names.JsonContext}} Default { get; } = new(global::SecureApi.Infrastructure.StrictJson.CreateOptions());

                public {{Names.JsonContext}}({{Options}} options)
                    : base(options)
                {
                }

                {{JsonFastPathEmitter.GeneratedOptions}}

                /// <summary>Lets ASP.NET Core's own JSON options resolve these types too (see <c>AddSecureApi</c>).</summary>
                #pragma warning disable CA2255 // registering generated metadata is what module initializers are for
                [global::System.Runtime.CompilerServices.ModuleInitializer]
                internal static void Register() => global::SecureApi.Infrastructure.SecureApiJsonResolvers.Register(Default);
                #pragma warning restore CA2255

                /// <inheritdoc/>
                public override {{Metadata}}.JsonTypeInfo? GetTypeInfo(global::System.Type type)
                {
                    Options.TryGetTypeInfo(type, out var typeInfo);
                    return typeInfo;
                }

                """);
            using (writer.Block($"{Metadata}.JsonTypeInfo? {Metadata}.IJsonTypeInfoResolver.GetTypeInfo(global::System.Type type, {Options} options)"))
            {
                foreach (var type in types)
                {
                    writer.Line($"if (type == typeof({type.TypeName})) return Create{type.PropertyName}(options);");
                }

                writer.Line("return null;");
            }

            var fastPath = new JsonFastPathEmitter.Context(types, JsonFastPathEmitter.Handled(types));
            foreach (var type in types)
            {
                writer.Line();
                EmitType(writer, type, fastPath);
            }

            var handled = types.Where(t => fastPath.Handled.Contains(t.TypeName)).ToList();
            if (handled.Count > 0)
            {
                writer.Line();
                JsonFastPathEmitter.EmitPropertyNames(writer, handled.SelectMany(JsonFastPathEmitter.JsonNamesOf));
            }
        }

        return writer.ToString();
    }

    private static void EmitType(SourceWriter writer, JsonTypeSpec type, JsonFastPathEmitter.Context fastPath)
    {
        var handler = fastPath.Handled.Contains(type.TypeName) ? JsonFastPathEmitter.HandlerName(type) : null;
        var info = $"{Metadata}.JsonTypeInfo<{type.TypeName}>";
        writer.Line($"private {info}? _{type.PropertyName};");
        writer.Line($"public {info} {type.PropertyName} => _{type.PropertyName} ??= ({info})Options.GetTypeInfo(typeof({type.TypeName}));");
        writer.Line();
        using (writer.Block($"private {info} Create{type.PropertyName}({Options} options)"))
        {
            switch (type.Kind)
            {
                case JsonTypeKind.Value:
                    writer.Line($"var info = {Metadata}.JsonMetadataServices.CreateValueInfo<{type.TypeName}>(options, {Metadata}.JsonMetadataServices.{type.Converter});");
                    break;
                case JsonTypeKind.Nullable:
                    writer.Line($"var info = {Metadata}.JsonMetadataServices.CreateValueInfo<{type.TypeName}>(options, {Metadata}.JsonMetadataServices.GetNullableConverter<{type.ElementType}>(options));");
                    break;
                case JsonTypeKind.Enum:
                    writer.Line($"var converter = new global::System.Text.Json.Serialization.JsonStringEnumConverter<{type.TypeName}>(global::System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false).CreateConverter(typeof({type.TypeName}), options);");
                    writer.Line($"var info = {Metadata}.JsonMetadataServices.CreateValueInfo<{type.TypeName}>(options, converter);");
                    break;
                case JsonTypeKind.Array:
                    writer.Line($"var info = {Metadata}.JsonMetadataServices.CreateArrayInfo<{type.ElementType}>(options, new {Metadata}.JsonCollectionInfoValues<{type.TypeName}>{CollectionHandler(handler)});");
                    break;
                case JsonTypeKind.List:
                    writer.Line($"var info = {Metadata}.JsonMetadataServices.CreateListInfo<{type.TypeName}, {type.ElementType}>(options, new {Metadata}.JsonCollectionInfoValues<{type.TypeName}> {{ ObjectCreator = static () => new {type.TypeName}(){(handler is null ? "" : ", SerializeHandler = " + handler)} }});");
                    break;
                case JsonTypeKind.Enumerable:
                    writer.Line($"var info = {Metadata}.JsonMetadataServices.CreateIEnumerableInfo<{type.TypeName}, {type.ElementType}>(options, new {Metadata}.JsonCollectionInfoValues<{type.TypeName}>{CollectionHandler(handler)});");
                    break;
                default:
                    EmitObjectInfo(writer, type.TypeName, type.Object!, handler);
                    break;
            }

            writer.Line("info.OriginatingResolver = this;");
            writer.Line("return info;");
        }

        if (type.Object is { } objectSpec)
        {
            writer.Line();
            EmitProperties(writer, type.TypeName, objectSpec);
        }

        if (handler is not null)
        {
            writer.Line();
            JsonFastPathEmitter.EmitHandler(writer, type, fastPath);
        }
    }

    private static string CollectionHandler(string? handler) => handler is null ? "()" : $" {{ SerializeHandler = {handler} }}";

    private static void EmitObjectInfo(SourceWriter writer, string typeName, JsonObjectSpec spec, string? handler)
    {
        using (writer.Block($"var objectInfo = new {Metadata}.JsonObjectInfoValues<{typeName}>", ";"))
        {
            if (spec.SerializeOnly)
            {
                writer.Line("ObjectCreator = null, // written only: resources and types with [Sensitive] members are never read from a request");
            }
            else if (spec.UsesParameterizedCreator)
            {
                var constructorArgs = spec.CreatorArgs.Select((a, i) => (Arg: a, Index: i)).Where(x => !x.Arg.IsMemberInitializer)
                    .Select(x => $"({x.Arg.TypeName})args[{x.Index}]");
                var initializers = spec.CreatorArgs.Select((a, i) => (Arg: a, Index: i)).Where(x => x.Arg.IsMemberInitializer)
                    .Select(x => $"{x.Arg.Name} = ({x.Arg.TypeName})args[{x.Index}]").ToList();
                var initializer = initializers.Count == 0 ? "" : " { " + string.Join(", ", initializers) + " }";
                writer.Line($"ObjectWithParameterizedConstructorCreator = static args => new {typeName}({string.Join(", ", constructorArgs)}){initializer},");
                writer.Line($"ConstructorParameterMetadataInitializer = static () => {ParametersMethod(typeName)}(),");
            }
            else
            {
                writer.Line($"ObjectCreator = static () => new {typeName}(),");
            }

            writer.Line($"PropertyMetadataInitializer = _ => {PropertiesMethod(typeName)}(options),");
            if (handler is not null)
            {
                writer.Line($"SerializeHandler = {handler},");
            }
        }

        writer.Line($"var info = {Metadata}.JsonMetadataServices.CreateObjectInfo<{typeName}>(options, objectInfo);");
    }

    private static void EmitProperties(SourceWriter writer, string typeName, JsonObjectSpec spec)
    {
        var initialized = new HashSet<string>(spec.CreatorArgs.Select(a => a.Name), System.StringComparer.OrdinalIgnoreCase);
        using (writer.Block($"private static {Metadata}.JsonPropertyInfo[] {PropertiesMethod(typeName)}({Options} options)"))
        {
            var count = spec.Properties.Count + (spec.Quarantine is null ? 0 : 1);
            writer.Line($"var properties = new {Metadata}.JsonPropertyInfo[{count}];");
            for (var i = 0; i < spec.Properties.Count; i++)
            {
                var property = spec.Properties[i];
                var setter = property.Settable
                    ? $"static (obj, value) => (({typeName})obj).{property.Name} = value!"
                    : property.InitOnly
                    ? $"static (obj, value) => {InitSetter(typeName, property.Name)}(({typeName})obj, value!)"
                    : initialized.Contains(property.Name)
                        ? "static (obj, value) => throw new global::System.InvalidOperationException(\"Set through the constructor or initializer.\")"
                        : "null";
                using (writer.Block($"properties[{i}] = {Metadata}.JsonMetadataServices.CreatePropertyInfo<{property.TypeName}>(options, new {Metadata}.JsonPropertyInfoValues<{property.TypeName}>", ");"))
                {
                    writer.Line("IsProperty = true,");
                    writer.Line("IsPublic = true,");
                    writer.Line($"DeclaringType = typeof({typeName}),");
                    writer.Line(Getter(typeName, property, spec.Quarantine));
                    writer.Line($"Setter = {setter},");
                    writer.Line($"PropertyName = {Names.Literal(property.Name)},");
                }

                if (property.IsRequired && !spec.SerializeOnly)
                {
                    writer.Line($"properties[{i}].IsRequired = true;");
                }
            }

            if (spec.Quarantine is { } quarantine)
            {
                EmitQuarantinedList(writer, typeName, quarantine, spec.Properties.Count);
            }

            writer.Line("return properties;");
        }

        foreach (var property in spec.Properties.Where(p => p.InitOnly))
        {
            writer.Line();
            writer.Line($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = \"set_{property.Name}\")]");
            writer.Line($"private static extern void {InitSetter(typeName, property.Name)}({typeName} obj, {property.TypeName} value);");
        }

        if (!spec.UsesParameterizedCreator)
        {
            return;
        }

        writer.Line();
        using (writer.Block($"private static {Metadata}.JsonParameterInfoValues[] {ParametersMethod(typeName)}() => new {Metadata}.JsonParameterInfoValues[]", ";"))
        {
            for (var i = 0; i < spec.CreatorArgs.Count; i++)
            {
                var arg = spec.CreatorArgs[i];
                var defaults = arg.IsMemberInitializer ? "IsMemberInitializer = true"
                    : arg.HasDefaultValue ? $"HasDefaultValue = true, DefaultValue = {arg.DefaultValue}"
                    : "HasDefaultValue = false";
                writer.Line($"new() {{ Name = {Names.Literal(arg.Name)}, ParameterType = typeof({arg.TypeName}), Position = {i}, IsNullable = {(arg.IsNullable ? "true" : "false")}, {defaults} }},");
            }
        }
    }

    private static string Getter(string typeName, JsonPropertySpec property, JsonQuarantineSpec? quarantine)
    {
        var read = ValueOf($"(({typeName})obj)", property, quarantine);
        var why = property.FilterOutput && quarantine is not null && property.QuarantineMember is not null
            ? " // quarantined text is withheld from other readers; the rest goes through the output firewall"
            : property.FilterOutput ? " // [FilterOutput]: read through the output firewall"
            : quarantine is not null && property.QuarantineMember is not null ? " // null to readers other than its author and moderators while in quarantine"
            : "";
        return $"Getter = static obj => {read},{why}";
    }

    /// <summary>
    /// What is written for a member of <paramref name="instance"/>: the member, withheld while in quarantine, through the
    /// output firewall for <c>[FilterOutput]</c>. The metadata's getter and the fast-path writer both read it so.
    /// </summary>
    internal static string ValueOf(string instance, JsonPropertySpec property, JsonQuarantineSpec? quarantine)
    {
        var value = $"{instance}.{property.Name}";
        if (quarantine is not null && property.QuarantineMember is { } member)
        {
            value = $"global::SecureApi.Infrastructure.QuarantinedValues.Read({value}, {Names.Literal(quarantine.Table)}, {instance}.{quarantine.KeyProperty}, {Names.Literal(member)})";
        }

        return property.FilterOutput ? $"global::SecureApi.Infrastructure.OutputFilterValues.Filter({value})" : value;
    }

    /// <summary>The members of <paramref name="instance"/>'s row withheld from this reader, or null.</summary>
    internal static string WithheldOf(string instance, JsonQuarantineSpec quarantine) =>
        $"global::SecureApi.Infrastructure.QuarantinedValues.Withheld({Names.Literal(quarantine.Table)}, {instance}.{quarantine.KeyProperty})";

    /// <summary>The row's <c>quarantined</c> list: the members withheld from this reader, left out when none is.</summary>
    private static void EmitQuarantinedList(SourceWriter writer, string typeName, JsonQuarantineSpec quarantine, int index)
    {
        using (writer.Block($"properties[{index}] = {Metadata}.JsonMetadataServices.CreatePropertyInfo<string[]>(options, new {Metadata}.JsonPropertyInfoValues<string[]>", ");"))
        {
            writer.Line("IsProperty = true,");
            writer.Line("IsPublic = true,");
            writer.Line($"DeclaringType = typeof({typeName}),");
            writer.Line($"Getter = static obj => {WithheldOf($"(({typeName})obj)", quarantine)},");
            writer.Line("Setter = null,");
            writer.Line("IgnoreCondition = global::System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,");
            writer.Line("PropertyName = \"Quarantined\",");
            writer.Line($"JsonPropertyName = {Names.Literal(JsonFastPathEmitter.QuarantinedName)},");
        }
    }

    private static string InitSetter(string typeName, string property) => "Init" + Identifier(typeName) + property;

    private static string PropertiesMethod(string typeName) => "Properties" + Identifier(typeName);

    private static string ParametersMethod(string typeName) => "CreatorParameters" + Identifier(typeName);

    /// <summary>A member-name-safe form of a type name: <c>global::A.B&lt;C&gt;</c> → <c>A_B_C_</c>.</summary>
    private static string Identifier(string typeName) =>
        new(typeName.Replace("global::", "").Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
}
