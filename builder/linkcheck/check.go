package linkcheck

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// An outcome is the result of one try at a URL.
type outcome struct {
	msg        string          // why the link is broken; "" when it works
	transient  bool            // another try may succeed
	retryAfter time.Duration   // the pause the server asked for, or -1
	tryGET     bool            // a failed HEAD that a GET may get past
	ids        map[string]bool // the anchors of an HTML page asked for with anchors
}

// maxPage is how much of a page is read for its anchors.
const maxPage = 16 << 20

// check requests u until it works, fails for good or runs out of retries,
// and returns why it is broken, or "" when it works. With anchors, it asks
// with GET and returns the ids and names of the elements of an HTML
// answer, or nil for any other. Its error is non-nil only when ctx is done.
func (r *run) check(ctx context.Context, u string, anchors bool) (string, map[string]bool, error) {
	method := http.MethodHead
	if anchors {
		method = methodAnchors
	}
	for try := 0; ; try++ {
		o, err := r.try(ctx, u, &method)
		if err != nil {
			return "", nil, err
		}
		if o.msg == "" || !o.transient || try == r.retries {
			return o.msg, o.ids, nil
		}
		pause := r.maxWait
		if o.retryAfter >= 0 {
			pause = min(o.retryAfter, r.maxWait)
		} else if try < 16 {
			pause = min(time.Second<<try, r.maxWait)
		}
		if err := r.wait(ctx, pause); err != nil {
			return "", nil, err
		}
	}
}

// try makes one request to u with *method, and a GET after a HEAD the
// server does not handle, in which case later tries use GET straight away.
func (r *run) try(ctx context.Context, u string, method *string) (outcome, error) {
	release, err := acquire(ctx, r.all)
	if err != nil {
		return outcome{}, err
	}
	defer release()
	o, err := r.request(ctx, *method, u)
	if err == nil && o.tryGET && *method == http.MethodHead {
		*method = http.MethodGet
		o, err = r.request(ctx, *method, u)
	}
	return o, err
}

// methodAnchors is a GET whose answer, when HTML, is read for its anchors.
const methodAnchors = "GET+anchors"

// request sends one request and judges the answer.
func (r *run) request(ctx context.Context, method, u string) (outcome, error) {
	rctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	anchors := method == methodAnchors
	if anchors {
		method = http.MethodGet
	}
	req, err := http.NewRequestWithContext(rctx, method, u, nil)
	if err != nil {
		return outcome{msg: err.Error()}, nil
	}
	req.Header.Set("User-Agent", r.userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	resp, err := r.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return outcome{}, ctx.Err()
		}
		return r.failure(err, u), nil
	}
	defer resp.Body.Close()
	o := judge(resp)
	if anchors && o.msg == "" && isHTML(resp.Header.Get("Content-Type")) {
		o.ids, err = pageAnchors(io.LimitReader(resp.Body, maxPage))
		if err != nil {
			if ctx.Err() != nil {
				return outcome{}, ctx.Err()
			}
			return r.failure(err, u), nil
		}
		return o, nil
	}
	// Read a little of a GET's body, so that the connection may be reused
	// for a short page, but never the whole of a large one.
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	return o, nil
}

// isHTML reports whether a Content-Type is an HTML page's.
func isHTML(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "text/html" || mt == "application/xhtml+xml")
}

// pageAnchors returns the id and name attributes of the elements of the
// HTML page r, which a fragment may name.
func pageAnchors(r io.Reader) (map[string]bool, error) {
	ids := make(map[string]bool)
	z := html.NewTokenizer(r)
	for {
		switch z.Next() {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return nil, err
			}
			return ids, nil
		case html.StartTagToken, html.SelfClosingTagToken:
			for {
				key, val, more := z.TagAttr()
				if k := string(key); k == "id" || k == "name" {
					ids[string(val)] = true
				}
				if !more {
					break
				}
			}
		}
	}
}

// judge turns an answer into an outcome.
func judge(resp *http.Response) outcome {
	code := resp.StatusCode
	o := outcome{retryAfter: -1}
	if code >= 200 && code < 300 {
		return o
	}
	o.msg = strconv.Itoa(code)
	if text := http.StatusText(code); text != "" {
		o.msg += " " + text
	}
	switch {
	case code == http.StatusMethodNotAllowed || code == http.StatusForbidden || code == http.StatusNotImplemented:
		o.tryGET = true
	case code == http.StatusRequestTimeout || code == http.StatusTooManyRequests || code >= 500:
		o.transient = true
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			o.retryAfter = d
		}
	}
	return o
}

// retryAfter parses a Retry-After header: a number of seconds or a date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// failure turns a request for u that got no answer into an outcome,
// with a message that says what happened in a few words.
func (r *run) failure(err error, u string) outcome {
	o := outcome{retryAfter: -1}
	var (
		redirect *redirectError
		dnsErr   *net.DNSError
		netErr   net.Error
		certErr  *tls.CertificateVerificationError
	)
	switch {
	case errors.Is(err, errPrivate):
		// Where a redirect led is not said: it may be the one thing a
		// pull request wants to learn about the network.
		o.msg = errPrivate.Error()
		if redirected(err, u) {
			o.msg = "refused: redirected to a private address"
		}
	case errors.As(err, &redirect):
		o.msg = redirect.Error()
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		o.msg = fmt.Sprintf("timeout after %v", r.timeout)
		o.transient = true
	case errors.As(err, &dnsErr):
		o.msg = "no such host"
		if !dnsErr.IsNotFound {
			o.msg = "cannot look up host: " + dnsErr.Err
			o.transient = true
		}
	case connRefused(err):
		o.msg = "connection refused"
		o.transient = true
	case errors.As(err, &certErr):
		o.msg = certErr.Err.Error()
	default:
		// The connection was reset or closed, the answer malformed: a
		// server that mishandles HEAD may still answer GET.
		o.msg = innermost(err).Error()
		o.transient = true
		o.tryGET = true
	}
	return o
}

// redirected reports whether the request for u that failed with err
// failed at a URL a redirect led to: the client names the URL it was
// requesting when it failed.
func redirected(err error, u string) bool {
	var ue *url.Error
	return errors.As(err, &ue) && ue.URL != u
}

// innermost returns the error at the end of err's chain, which says what
// happened without the "Head \"https://…\": " the client puts before it.
func innermost(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// redirectError stops a chain of redirects.
type redirectError struct{ msg string }

func (e *redirectError) Error() string { return e.msg }

// checkRedirect follows up to maxRedirects redirects and stops a chain
// that visits a URL a third time: the second visit may carry a cookie the
// first one set.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return &redirectError{fmt.Sprintf("more than %d redirects", maxRedirects)}
	}
	u := req.URL.String()
	seen := 0
	for _, v := range via {
		if v.URL.String() == u {
			seen++
		}
	}
	if seen >= 2 {
		return &redirectError{"redirect loop at " + u}
	}
	return nil
}
