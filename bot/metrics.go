package bot

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the bot's Prometheus metrics. A nil *Metrics records
// nothing, so tests and the terminal need none.
type Metrics struct {
	answers     *prometheus.CounterVec
	latency     prometheus.Histogram
	rateLimited *prometheus.CounterVec
	reconnects  prometheus.Counter
}

// NewMetrics creates the metrics and registers them with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "crisisbot_answers_total",
			Help: "Answers given, by mode (llm, extractive) and outcome (grounded, abstained, fallback, error).",
		}, []string{"mode", "outcome"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "crisisbot_answer_seconds",
			Help:    "Time to compose an answer, from admission to reply.",
			Buckets: []float64{0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80},
		}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "crisisbot_rate_limited_total",
			Help: "Requests refused by a limit, by reason (user: the per-user rate; busy: answers in flight).",
		}, []string{"reason"}),
		reconnects: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "crisisbot_gateway_reconnects_total",
			Help: "Times the Discord gateway connection was re-established after the first.",
		}),
	}
	reg.MustRegister(m.answers, m.latency, m.rateLimited, m.reconnects)
	return m
}

func (m *Metrics) answered(mode, outcome string, d time.Duration) {
	if m == nil {
		return
	}
	if mode == "" {
		mode = "none"
	}
	m.answers.WithLabelValues(mode, outcome).Inc()
	m.latency.Observe(d.Seconds())
}

func (m *Metrics) limited(reason string) {
	if m != nil {
		m.rateLimited.WithLabelValues(reason).Inc()
	}
}

func (m *Metrics) reconnected() {
	if m != nil {
		m.reconnects.Inc()
	}
}
