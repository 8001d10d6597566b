using CitizenServices.Functions.Invocation;
using Microsoft.AspNetCore.Http;

namespace CitizenServices.MicroBenchmarks;

/// <summary>
/// Reading a custom-handler invocation body the way the host sends it (the golden payloads of the integration tests):
/// the body read, the JSON parse and the typed view the function uses.
/// </summary>
[MemoryDiagnoser]
public class InvocationReaderBenchmarks
{
    private readonly InvocationReader _reader = new();
    private byte[] _serviceBus = [];
    private byte[] _timer = [];

    [GlobalSetup]
    public void Setup()
    {
        _serviceBus = File.ReadAllBytes(Inputs.Path("servicebus-promoted-body-properties.json"));
        _timer = File.ReadAllBytes(Inputs.Path("timer.json"));
    }

    [Benchmark(Baseline = true)]
    public async Task<ServiceBusMessage> ServiceBus() => (await ReadAsync(_serviceBus, "CareRelationsInbox")).ReadServiceBusMessage("message");

    [Benchmark]
    public async Task<TimerInfo> Timer() => (await ReadAsync(_timer, "Housekeeping")).ReadTimer("timer");

    private Task<InvocationRequest> ReadAsync(byte[] body, string functionName)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Headers[InvocationReader.InvocationIdHeader] = "3f2c8a8e-6a1d-4c55-9a7e-2b9f1c0d4e11";
        context.Request.Body = new MemoryStream(body, writable: false);
        return _reader.ReadAsync(context.Request, functionName, CancellationToken.None);
    }
}
