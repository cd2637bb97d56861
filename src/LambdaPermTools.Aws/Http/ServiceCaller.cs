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
    /// Sends one service's requests in one region: paces, signs, retries (docs/aws-rules.md §6.5) within the call's deadline,
    /// reads bodies with a cap, and turns the final failure into an <see cref="AwsServiceException"/> whose text holds no
    /// secret. Throttling and transient faults are retried; other errors are not. Every throttle slows the client's pacing.
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
        public ReadLimits Limits => _context.Settings.Limits;

        public void Verbose(string line) => _context.Verbose(line);

        /// <summary>Server text fit for a message: secrets removed, cut to a few KB.</summary>
        public string Shown(string serverText) => _context.Shown(serverText);

        /// <summary>A failure of this service; its message is redacted once more as a whole.</summary>
        public AwsServiceException Error(AwsErrorKind kind, string operation, string code, int status, string message) =>
            new AwsServiceException(kind, Service.DisplayName, operation, code, status, _context.Redactor.Redact(message));

        public async Task<AwsResponse> SendAsync(AwsRequest request, CancellationToken cancellationToken)
        {
            _context.Verbose($"{Service.DisplayName} {request.Operation} → {_endpoint.Url} ({_endpoint.Source}, region {Region})");
            var buckets = request.RateBuckets.Select(b => _context.Settings.RateLimits.Get(_context.AccountKey, Region, b)).ToArray();
            int maxAttempts = _context.Retry.AttemptsFor(request.IsRead);
            var call = new CallProgress(_context.Retry.CallTimeout);
            for (int attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Waiting for the client's own pacing is not the endpoint's time: it does not count against the deadline.
                foreach (var bucket in buckets)
                {
                    await bucket.AcquireAsync(cancellationToken).ConfigureAwait(false);
                }

                Outcome outcome;
                try
                {
                    outcome = await AttemptAsync(request, attempt, maxAttempts, call, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // Whatever came of it, the attempt has reached the service or never will: its buckets refill from now on.
                    foreach (var bucket in buckets)
                    {
                        bucket.OnAnswered();
                    }
                }

                call.Attempts = attempt;
                if (outcome.Response != null)
                {
                    foreach (var bucket in buckets)
                    {
                        bucket.OnSuccess();
                    }

                    return outcome.Response;
                }
                bool throttled = outcome.Error != null && AwsErrors.IsThrottling(outcome.StatusCode, outcome.Error.Code);
                bool transient = outcome.Transport != null || (outcome.Error != null && AwsErrors.IsTransient(outcome.StatusCode, outcome.Error.Code));
                // As adaptive mode does, in every mode: a throttle means the account's quota is shared, so the client slows.
                if (throttled)
                {
                    foreach (var bucket in buckets)
                    {
                        bucket.OnThrottled();
                    }
                }

                if (!(throttled || transient))
                {
                    throw Failure(request, outcome, call);
                }

                // An attempt cut at the deadline ends the call, even when the timer fired a hair before the clock says it passed.
                if (outcome.TimedOut && (outcome.AtDeadline || call.Remaining <= TimeSpan.Zero))
                {
                    throw Timeout(request, outcome, call, null);
                }

                if (attempt >= maxAttempts)
                {
                    throw outcome.TimedOut ? Timeout(request, outcome, call, null) : Failure(request, outcome, call);
                }

                TimeSpan delay = RetrySettings.Backoff(attempt, _context.Settings.Random(), outcome.RetryAfter);
                if (delay >= call.Remaining)
                {
                    throw Timeout(request, outcome, call, delay);
                }

                _context.Debug($"{Service.DisplayName} {request.Operation}: {Describe(outcome)} ({(throttled ? "throttled" : "transient")}); " +
                    $"retry {attempt} of {maxAttempts - 1} in {delay.TotalMilliseconds:0} ms");
                await _context.Settings.Clock.Delay(delay, cancellationToken).ConfigureAwait(false);
                call.Spent += delay;
            }
        }

        private async Task<Outcome> AttemptAsync(AwsRequest request, int attempt, int maxAttempts, CallProgress call, CancellationToken cancellationToken)
        {
            await _context.Concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
            var clock = _context.Settings.Clock;
            TimeSpan started = clock.Elapsed;
            bool deadlineFirst = call.Remaining <= _context.Settings.AttemptTimeout;
            TimeSpan limit = deadlineFirst ? call.Remaining : _context.Settings.AttemptTimeout;
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(limit);
            using var slowNotice = new Timer(_ => _context.Verbose(
                    $"{Service.DisplayName} {request.Operation}: attempt {attempt} of {maxAttempts} to {_endpoint.Url} has not finished after " +
                    $"{Seconds(_context.Settings.SlowAttempt)} s; it is given up after {Seconds(limit)} s (the call's deadline: {Seconds(call.Deadline)} s, {RetrySettings.CallTimeoutVariable})"),
                null, _context.Settings.SlowAttempt, System.Threading.Timeout.InfiniteTimeSpan);
            try
            {
                using var message = BuildMessage(request);
                using var response = await _context.Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token).ConfigureAwait(false);
                // A stream read that ignores the token (.NET Framework) still ends when the response is disposed.
                using var abort = attemptTimeout.Token.Register(response.Dispose);
                return await ReadOutcomeAsync(response, attemptTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is OperationCanceledException || ex is ObjectDisposedException)
            {
                bool timedOut = attemptTimeout.IsCancellationRequested;
                return new Outcome
                {
                    Transport = timedOut ? "no answer within " + Seconds(limit) + " s" : ex.GetType().Name + ": " + ex.Message,
                    TimedOut = timedOut,
                    AtDeadline = timedOut && deadlineFirst,
                };
            }
            finally
            {
                _context.Concurrency.Release();
                call.Spent += clock.Elapsed - started;
            }
        }

        private async Task<Outcome> ReadOutcomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            int status = (int)response.StatusCode;
            var limits = _context.Settings.Limits;
            if (status >= 200 && status < 300)
            {
                long? declared = response.Content.Headers.ContentLength;
                var body = declared > limits.MaxResponseBytes
                    ? BoundedBody.Refused(declared.Value)
                    : await BoundedBody.ReadAsync(response.Content, limits.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
                if (body.Cut)
                {
                    string size = body.DeclaredLength is long n ? n.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "more than that";
                    return new Outcome
                    {
                        StatusCode = status,
                        Error = new AwsError("ResponseTooLarge",
                            $"the response ({size}) is larger than the {limits.MaxResponseBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes the module reads; refused unread"),
                    };
                }
                return new Outcome { Response = new AwsResponse(status, body.ToArray()), StatusCode = status };
            }
            var errorBody = await BoundedBody.ReadAsync(response.Content, limits.MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
            string? errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            return new Outcome
            {
                StatusCode = status,
                Error = AwsErrors.Parse(status, errorType, errorBody.Text, _context.Shown, errorBody.Cut, errorBody.DeclaredLength),
                RetryAfter = RetryAfter(response.Headers.RetryAfter),
            };
        }

        private HttpRequestMessage BuildMessage(AwsRequest request)
        {
            string basePath = _endpoint.Url.AbsolutePath.TrimEnd('/');
            string path = basePath + request.Path;
            string query = AwsRequest.EncodeQuery(request.Query);
            var uri = new Uri(_endpoint.Url.GetLeftPart(UriPartial.Authority) + path + (query.Length > 0 ? "?" + query : ""));

            var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
            if (request.Accept != null)
            {
                headers["Accept"] = request.Accept;
            }

            if (request.ContentType != null)
            {
                headers["Content-Type"] = request.ContentType;
            }

            SigV4Signer.Sign(request.Method.Method, _endpoint.Url, path, request.Query, headers, request.Body,
                _context.CurrentCredentials(), _endpoint.SigningRegion, Service.SigningName, _context.Settings.Clock.UtcNow);
            RememberSignature(headers["Authorization"]);

            var message = new HttpRequestMessage(request.Method, uri);
            if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Delete)
            {
                message.Content = new ByteArrayContent(request.Body);
            }

            foreach (var header in headers)
            {
                if (string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    message.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(header.Value);
                }
                else
                {
                    message.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
            message.Headers.TryAddWithoutValidation("User-Agent", "LambdaPermTools");
            return message;
        }

        private void RememberSignature(string authorization)
        {
            const string Name = "Signature=";
            int at = authorization.LastIndexOf(Name, StringComparison.Ordinal);
            if (at >= 0)
            {
                _context.Redactor.AddSignature(authorization.Substring(at + Name.Length));
            }
        }

        private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
        {
            if (header?.Delta is TimeSpan delta)
            {
                return delta;
            }

            if (header?.Date is DateTimeOffset date)
            {
                return date - DateTimeOffset.UtcNow;
            }

            return null;
        }

        private AwsServiceException Failure(AwsRequest request, Outcome outcome, CallProgress call)
        {
            string suffix = call.Attempts > 1 ? $" (after {call.Attempts} attempts)" : "";
            _context.Debug($"{Service.DisplayName} {request.Operation} failed: {Describe(outcome)}{suffix}");
            if (outcome.Transport != null)
            {
                return Error(AwsErrorKind.Transport, request.Operation, "Transport", 0,
                    $"{Service.DisplayName} {request.Operation}: no response from {_endpoint.Url}{suffix}: {_context.Shown(outcome.Transport)}");
            }

            var error = outcome.Error!;
            return Error(AwsErrors.Kind(outcome.StatusCode, error.Code), request.Operation, error.Code, outcome.StatusCode,
                $"{Service.DisplayName} {request.Operation}: {error.Code}: {error.Message}{suffix}");
        }

        /// <summary>The deadline stopped the call: it passed, or the next retry would have waited past it.</summary>
        private AwsServiceException Timeout(AwsRequest request, Outcome outcome, CallProgress call, TimeSpan? nextDelay)
        {
            string why = nextDelay is TimeSpan delay
                ? $"the next retry, due in {Seconds(delay)} s, would pass the call's deadline of {Seconds(call.Deadline)} s"
                : $"no answer within the call's deadline of {Seconds(call.Deadline)} s";
            _context.Debug($"{Service.DisplayName} {request.Operation} timed out: {Describe(outcome)}");
            return Error(AwsErrorKind.Timeout, request.Operation, "Timeout", outcome.StatusCode,
                $"{Service.DisplayName} {request.Operation} at {_endpoint.Url}: {why}; {Seconds(call.Spent)} s spent in {call.Attempts} attempt(s), " +
                $"the last: {Describe(outcome)}. Set {RetrySettings.CallTimeoutVariable} (seconds) to allow more time.");
        }

        private string Describe(Outcome outcome) =>
            outcome.Transport != null
                ? "no response (" + _context.Shown(outcome.Transport) + ")"
                : "HTTP " + outcome.StatusCode.ToString(CultureInfo.InvariantCulture) + " " + outcome.Error!.Code;

        private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

        /// <summary>One attempt's result: a response, an AWS error, or no response at all.</summary>
        private sealed class Outcome
        {
            public AwsResponse? Response;
            public int StatusCode;
            public AwsError? Error;
            public TimeSpan? RetryAfter;
            /// <summary>Why no response came (server text possible: shown only through <see cref="ConnectionContext.Shown"/>).</summary>
            public string? Transport;
            public bool TimedOut;
            /// <summary>Timed out with the call's remaining time as its limit: the deadline is spent.</summary>
            public bool AtDeadline;
        }

        /// <summary>How far one call has got against its deadline: the endpoint's time (attempts and backoff), not the client's own queueing.</summary>
        private sealed class CallProgress
        {
            public CallProgress(TimeSpan deadline) => Deadline = deadline;

            public TimeSpan Deadline { get; }
            public TimeSpan Spent { get; set; }
            public int Attempts { get; set; }
            public TimeSpan Remaining => Deadline - Spent;
        }
    }
}
