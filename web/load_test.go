package web

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates"
	"github.com/attain-tool/attain/templates/fixture"
)

// loadVariant is the example's figures with a few headline figures moved
// by i, so that each workbook has a total of its own.
func loadVariant(t testing.TB, rs *rules.Ruleset, i int) []byte {
	t.Helper()
	vals := fixture.ExampleValues2019()
	tenth := func(n int) string { return decimal.NewFromInt(int64(n)).Shift(-1).String() }
	vals["gdp_growth"][eval.FieldGrowth] = tenth(70 + i%30)                  // 7.0 … 9.9
	vals["fai_growth"][eval.FieldGrowth] = tenth(90 + 3*(i%20))              // 9.0 … 14.7
	vals["retail_growth"][eval.FieldGrowth] = tenth(95 + i%25)               // 9.5 … 11.9
	vals["new_urban_jobs"][eval.FieldLevel] = strconv.Itoa(8000 + 97*(i%40)) // around the 10000 target
	vals["income_growth"][eval.FieldGrowth] = tenth(75 + (i/3)%20)           // 7.5 … 9.4
	vals["unemployment_rate"][eval.FieldLevel] = tenth(30 + (i*7)%20)        // 3.0 … 4.9
	vals["industry_va_growth"][eval.FieldGrowth] = tenth(85 + (i*11)%30)     // 8.5 … 11.4
	var buf bytes.Buffer
	if err := templates.FillTemplate(&buf, rs, "", vals, ""); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestLoad sends 50 different workbooks at once (ATTAIN_LOAD_N for more) to
// a server on loopback with its default limits, and checks that every
// answer is its own input's, that the answers come within a bound of time
// and that the heap stays bounded.
func TestLoad(t *testing.T) {
	n := 50
	if v := os.Getenv("ATTAIN_LOAD_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			t.Fatalf("ATTAIN_LOAD_N=%q", v)
		}
	}
	concurrency := min(n, 50)
	rs := rules.Default()
	books := make([][]byte, n)
	wants := make([]string, n)
	totals := map[string]bool{}
	for i := range min(n, 50) {
		books[i] = loadVariant(t, rs, i)
		wants[i] = totalOf(t, expectedJSON(t, fmt.Sprintf("v%02d.xlsx", i), books[i], rs, eval.Year))
		totals[wants[i]] = true
	}
	for i := 50; i < n; i++ {
		books[i], wants[i] = books[i%50], wants[i%50]
	}
	if len(totals) < 20 {
		t.Fatalf("only %d distinct totals among the variants", len(totals))
	}
	_, base := serve(t, Config{})

	var (
		stop    = make(chan struct{})
		sampled = make(chan uint64)
	)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	baseline := ms.HeapAlloc
	go func() {
		peak := uint64(0)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-stop:
				sampled <- peak
				return
			case <-tick.C:
			}
		}
	}()

	start := time.Now()
	answers := loadRequests(t, base, books, concurrency)
	elapsed := time.Since(start)
	close(stop)
	peak := <-sampled

	var lat []time.Duration
	busy := 0
	for i, a := range answers {
		busy += a.busy
		if a.status != http.StatusOK {
			t.Errorf("request %d: status %d", i, a.status)
			continue
		}
		if a.total != wants[i] {
			t.Errorf("request %d: total_score %s, want its own %s", i, a.total, wants[i])
		}
		lat = append(lat, a.latency)
	}
	if len(lat) == 0 {
		t.Fatal("no answers")
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p int) time.Duration { return lat[min(len(lat)-1, len(lat)*p/100)] }
	t.Logf("%d requests, %d at once, %d workers: %v in all, latency p50 %v p95 %v max %v; %d told 503 first; "+
		"peak heap %s MiB (%s MiB above the start)", n, concurrency, runtime.GOMAXPROCS(0), elapsed.Round(time.Millisecond),
		pct(50).Round(time.Millisecond), pct(95).Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond), busy,
		mib(peak), mib(peak-min(peak, baseline)))
	if limit := time.Duration(n) * 400 * time.Millisecond; elapsed > max(limit, 20*time.Second) {
		t.Errorf("%d requests took %v", n, elapsed)
	}
	if peak > 512<<20 {
		t.Errorf("peak heap %s MiB", mib(peak))
	}
}

// mib is a byte count in MiB with one decimal, for a log line.
func mib(b uint64) string { return fmt.Sprintf("%d.%d", b>>20, (b&(1<<20-1))*10>>20) }

// loadAnswer is what one request of the load test got.
type loadAnswer struct {
	status  int
	total   string
	latency time.Duration
	busy    int // 503s before it was served
}

// loadRequests posts each book to /api/evaluate, concurrency at once,
// retrying a 503 after 100 ms, and returns the answers in order.
func loadRequests(t *testing.T, base string, books [][]byte, concurrency int) []loadAnswer {
	n := len(books)
	answers := make([]loadAnswer, n)
	next := make(chan int)
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: concurrency}}
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				body, ctype := multipartBody(t, fileField("file", fmt.Sprintf("v%02d.xlsx", i%50), books[i]))
				raw := body.Bytes()
				began := time.Now()
				for attempt := 0; ; attempt++ {
					req, _ := http.NewRequest(http.MethodPost, base+"/api/evaluate", bytes.NewReader(raw))
					req.Header.Set("Content-Type", ctype)
					resp, err := client.Do(req)
					if err != nil {
						t.Errorf("request %d: %v", i, err)
						return
					}
					var out bytes.Buffer
					out.ReadFrom(resp.Body)
					resp.Body.Close()
					if resp.StatusCode == http.StatusServiceUnavailable && attempt < 20 {
						answers[i].busy++
						time.Sleep(100 * time.Millisecond)
						continue
					}
					answers[i] = loadAnswer{status: resp.StatusCode, latency: time.Since(began), busy: answers[i].busy}
					if resp.StatusCode == http.StatusOK {
						answers[i].total = totalOf(t, out.Bytes())
					}
					break
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return answers
}
