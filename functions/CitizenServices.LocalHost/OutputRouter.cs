namespace CitizenServices.LocalHost;

/// <summary>Sends a succeeded invocation's <c>Outputs</c> to the bindings named in function.json.</summary>
internal sealed class OutputRouter(LocalServiceBus serviceBus, ILogger logger)
{
    public async Task RouteAsync(FunctionDefinition function, InvocationResult result, CancellationToken cancellationToken)
    {
        foreach (var binding in function.Outputs.Where(b => !b.Is("http")))
        {
            var value = result.OutputFor(binding.Name);
            if (value is null)
            {
                continue;
            }

            var bodies = Bodies(value, binding.IsBinary).ToList();
            foreach (var body in bodies)
            {
                var message = new LocalServiceBusMessage(BinaryData.FromBytes(body));
                if (binding.GetString("queueName") is { } queueName)
                {
                    await serviceBus.SendToQueueAsync(queueName, message, cancellationToken);
                }
                else
                {
                    await serviceBus.SendToTopicAsync(binding.GetString("topicName")!, message, cancellationToken);
                }
            }

            logger.LogInformation(
                "{Function}: output '{Binding}' sent {Count} message(s)", function.Name, binding.Name, bodies.Count);
        }
    }

    /// <summary>
    /// The host's conversion: a top-level string is tried as base64 unless the binding is binary (the "base64 trap");
    /// an array gives one message per element, whose strings are sent as text and other values as JSON.
    /// </summary>
    internal static IEnumerable<byte[]> Bodies(JsonNode value, bool binary)
    {
        if (value is JsonArray array)
        {
            foreach (var element in array)
            {
                if (element is not null)
                {
                    yield return AsText(element);
                }
            }

            yield break;
        }

        if (!binary && value is JsonValue v && v.TryGetValue<string>(out var text))
        {
            byte[]? decoded = null;
            try
            {
                decoded = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
            }

            yield return decoded ?? Encoding.UTF8.GetBytes(text);
            yield break;
        }

        yield return AsText(value);
    }

    private static byte[] AsText(JsonNode node) =>
        node is JsonValue v && v.TryGetValue<string>(out var text)
            ? Encoding.UTF8.GetBytes(text)
            : Encoding.UTF8.GetBytes(node.ToJsonString());
}
