using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using LambdaPermTools.Aws.Endpoints;
using LambdaPermTools.Aws.Ports;
using LambdaPermTools.Aws.Signing;

namespace LambdaPermTools.Aws.Http
{
    /// <summary>
    /// Sends one service's requests in one region: paces, signs, retries (aws-semantics.md §6.5) and turns the final
    /// failure into an <see cref="AwsServiceException"/>. Throttling and transient faults are retried; other errors are not.
    /// </summary>
    internal sealed class ServiceCaller
    {
        private readonly ConnectionContext _context;
        private readonly ResolvedEndpoint _endpoint;

        public ServiceCaller(ConnectionContext context, AwsService service, string region)
        {
            _context = context;
            Service = service;
            Region = region;
            _endpoint = context.Endpoints.Resolve(service, region);
        }

        public AwsService Service { get; }
        public string Region { get; }

        public async Task<AwsResponse> SendAsync(AwsRequest request, CancellationToken cancellationToken)
        {
            _context.Verbose?.Invoke($"{Service.DisplayName} {request.Operation} → {_endpoint.Url} ({_endpoint.Source}, region {Region})");
            var buckets = request.RateBuckets.Select(b => _context.Settings.RateLimits.Get(_context.AccountKey, Region, b)).ToArray();
            int maxAttempts = _context.Retry.MaxAttempts;
            for (int attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var bucket in buckets) await bucket.AcquireAsync(cancellationToken).ConfigureAwait(false);
                Outcome outcome = await AttemptAsync(request, cancellationToken).ConfigureAwait(false);
                if (outcome.Response != null)
                {
                    if (_context.Retry.Adaptive) foreach (var bucket in buckets) bucket.OnSuccess();
                    return outcome.Response;
                }
                bool throttled = outcome.Error != null && AwsErrors.IsThrottling(outcome.StatusCode, outcome.Error.Code);
                bool transient = outcome.Transport != null || (outcome.Error != null && AwsErrors.IsTransient(outcome.StatusCode, outcome.Error.Code));
                if (throttled && _context.Retry.Adaptive) foreach (var bucket in buckets) bucket.OnThrottled();
                if (!(throttled || transient) || attempt >= maxAttempts) throw Failure(request, outcome, attempt);

                TimeSpan delay = RetrySettings.Backoff(attempt, _context.Settings.Random(), outcome.RetryAfter);
                _context.Debug?.Invoke($"{Service.DisplayName} {request.Operation}: {Describe(outcome)} ({(throttled ? "throttled" : "transient")}); " +
                    $"retry {attempt} of {maxAttempts - 1} in {delay.TotalMilliseconds:0} ms");
                await _context.Settings.Clock.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<Outcome> AttemptAsync(AwsRequest request, CancellationToken cancellationToken)
        {
            await _context.Concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(_context.Settings.AttemptTimeout);
            try
            {
                using var message = BuildMessage(request);
                using var response = await _context.Http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attemptTimeout.Token).ConfigureAwait(false);
                string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (status >= 200 && status < 300) return new Outcome { Response = new AwsResponse(status, body), StatusCode = status };
                string? errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
                return new Outcome { StatusCode = status, Error = AwsErrors.Parse(status, errorType, body), RetryAfter = RetryAfter(response.Headers.RetryAfter) };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is OperationCanceledException)
            {
                return new Outcome { Transport = ex is OperationCanceledException ? new TimeoutException("no response within " + _context.Settings.AttemptTimeout) : ex };
            }
            finally
            {
                _context.Concurrency.Release();
            }
        }

        private HttpRequestMessage BuildMessage(AwsRequest request)
        {
            string basePath = _endpoint.Url.AbsolutePath.TrimEnd('/');
            string path = basePath + request.Path;
            string query = AwsRequest.EncodeQuery(request.Query);
            var uri = new Uri(_endpoint.Url.GetLeftPart(UriPartial.Authority) + path + (query.Length > 0 ? "?" + query : ""));

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (request.Accept != null) headers["Accept"] = request.Accept;
            if (request.ContentType != null) headers["Content-Type"] = request.ContentType;
            SigV4Signer.Sign(request.Method.Method, _endpoint.Url, path, request.Query, headers, request.Body,
                _context.Credentials.GetCredentials(), _endpoint.SigningRegion, Service.SigningName, _context.Settings.Clock.UtcNow);

            var message = new HttpRequestMessage(request.Method, uri);
            if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Delete)
                message.Content = new ByteArrayContent(request.Body);
            foreach (var header in headers)
            {
                if (string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
                    message.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(header.Value);
                else
                    message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            message.Headers.TryAddWithoutValidation("User-Agent", "LambdaPermTools");
            return message;
        }

        private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
        {
            if (header?.Delta is TimeSpan delta) return delta;
            if (header?.Date is DateTimeOffset date) return date - DateTimeOffset.UtcNow;
            return null;
        }

        private AwsServiceException Failure(AwsRequest request, Outcome outcome, int attempts)
        {
            string suffix = attempts > 1 ? $" (after {attempts} attempts)" : "";
            if (outcome.Transport != null)
            {
                _context.Debug?.Invoke($"{Service.DisplayName} {request.Operation} failed: no response{suffix}");
                return new AwsServiceException(AwsErrorKind.Transport, Service.DisplayName, request.Operation, "Transport", 0,
                    $"{Service.DisplayName} {request.Operation}: no response from {_endpoint.Url}{suffix}: {outcome.Transport.Message}", outcome.Transport);
            }
            var error = outcome.Error!;
            _context.Debug?.Invoke($"{Service.DisplayName} {request.Operation} failed: {Describe(outcome)}{suffix}");
            return new AwsServiceException(AwsErrors.Kind(outcome.StatusCode, error.Code), Service.DisplayName, request.Operation,
                error.Code, outcome.StatusCode, $"{Service.DisplayName} {request.Operation}: {error.Code}: {error.Message}{suffix}");
        }

        private static string Describe(Outcome outcome) =>
            outcome.Transport != null
                ? "no response (" + outcome.Transport.GetType().Name + ")"
                : "HTTP " + outcome.StatusCode.ToString(CultureInfo.InvariantCulture) + " " + outcome.Error!.Code;

        /// <summary>One attempt's result: a response, an AWS error, or no response at all.</summary>
        private sealed class Outcome
        {
            public AwsResponse? Response;
            public int StatusCode;
            public AwsError? Error;
            public TimeSpan? RetryAfter;
            public Exception? Transport;
        }
    }
}
