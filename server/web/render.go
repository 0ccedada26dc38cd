package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// page is what every template gets.
type page struct {
	Title string
	// Nav marks the current section in the header ("search", "lists").
	Nav  string
	User *userView
	// CSRF is the token the page's forms carry.
	CSRF     string
	Snapshot string
	// Refresh, when set, reloads the page after that many seconds (the
	// loading page of a GET).
	Refresh int
	Data    any
}

type userView struct {
	Name string
	ID   string
	Role string
}

// pages are the parsed templates by name; each is the layout plus one
// page's "content".
var pages = map[string]*template.Template{}

// asset holds one embedded static file and its fingerprint.
type asset struct {
	body  []byte
	etag  string
	ctype string
}

var (
	assets   = map[string]asset{}
	assetURL = map[string]string{}
)

func init() {
	for _, name := range []string{"style.css", "icon.svg"} {
		b, err := fs.ReadFile(staticFS, "static/"+name)
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(b)
		v := hex.EncodeToString(sum[:])[:12]
		ctype := "text/css; charset=utf-8"
		if strings.HasSuffix(name, ".svg") {
			ctype = "image/svg+xml"
		}
		assets[name] = asset{body: b, etag: `"` + v + `"`, ctype: ctype}
		assetURL[name] = "/static/" + name + "?v=" + v
	}

	base := template.Must(template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/layout.html"))
	for _, name := range []string{"signin", "search", "entity", "lists", "error"} {
		t := template.Must(base.Clone())
		pages[name] = template.Must(t.ParseFS(templateFS, "templates/"+name+".html"))
	}
}

// static serves an embedded asset. Its URL carries a fingerprint, so it
// may be cached for long.
func (h *handler) static(w http.ResponseWriter, r *http.Request) {
	a, ok := assets[r.PathValue("name")]
	if !ok {
		renderError(w, r, http.StatusNotFound, nil, "", "")
		return
	}
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("ETag", a.etag)
	w.Header().Set("Cache-Control", "public, max-age=86400")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 and never half a page.
func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	if s := h.b.Snapshot(); s != nil && p.Snapshot == "" {
		p.Snapshot = s.Version
	}
	execute(w, r, status, name, p, sessionFrom(r.Context()))
}

func execute(w http.ResponseWriter, r *http.Request, status int, name string, p *page, sess *session) {
	if sess != nil {
		p.User = &userView{Name: sess.key.Name, ID: sess.key.ID, Role: string(sess.key.Role)}
		if p.CSRF == "" {
			p.CSRF = sess.csrf
		}
	}
	var buf bytes.Buffer
	if err := pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		slog.Default().Error("web: template failed", "page", name, "err", err)
		buf.Reset()
		status = http.StatusInternalServerError
		if err := pages["error"].ExecuteTemplate(&buf, "layout", &page{Title: "Something went wrong", Data: errorData(status)}); err != nil {
			buf.Reset()
			buf.WriteString("<!doctype html><title>Error</title><p>Something went wrong.</p>")
		}
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// errorView is the data of the error page.
type errorView struct {
	Status  int
	Heading string
	Message string
	Refresh int
}

func errorData(status int) errorView {
	v := errorView{Status: status}
	switch status {
	case http.StatusBadRequest:
		v.Heading, v.Message = "That request could not be read", "Something in the request was malformed. Go back and try again."
	case http.StatusForbidden:
		v.Heading, v.Message = "That form could not be accepted", "The form had expired, or it was not sent from this site. Go back, reload the page and try again."
	case http.StatusNotFound:
		v.Heading, v.Message = "Page not found", "There is nothing at this address. Check it, or start again from the search page."
	case http.StatusMethodNotAllowed:
		v.Heading, v.Message = "That action is not available here", "This address cannot be used that way. Start again from the search page."
	case http.StatusRequestEntityTooLarge:
		v.Heading, v.Message = "Too much was sent", "The form was larger than this site accepts. Shorten what you entered and try again."
	case http.StatusTooManyRequests:
		v.Heading, v.Message = "Too many requests", "Wait a minute and try again."
	case http.StatusServiceUnavailable:
		v.Heading, v.Message = "Not available just now", "The service is starting or busy. Try again in a moment."
	default:
		v.Status = http.StatusInternalServerError
		v.Heading, v.Message = "Something went wrong", "The page could not be shown. Try again; if it keeps happening, tell your administrator."
	}
	return v
}

// renderError answers with the friendly page for status. heading and
// message, when set, replace the standard wording; they are always fixed
// text of this package, never an error's.
func renderError(w http.ResponseWriter, r *http.Request, status int, sess *session, heading, message string) {
	d := errorData(status)
	if heading != "" {
		d.Heading = heading
	}
	if message != "" {
		d.Message = message
	}
	if status == http.StatusServiceUnavailable && r.Method == http.MethodGet {
		d.Refresh = 10
	}
	execute(w, r, d.Status, "error", &page{Title: d.Heading, Refresh: d.Refresh, Data: d}, sess)
}
