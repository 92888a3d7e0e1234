// Command crisisbot answers questions about the 2025 Azerbaijan–Russia crisis
// (the deaths of the Safarov brothers in Russian police custody in
// Yekaterinburg, and the diplomatic fallout) from a corpus of news articles,
// and cites them as [1], [2].
//
// Usage:
//
//	crisisbot [--config FILE] [--data-dir DIR] COMMAND [flags] [args]
//	crisisbot --version
//	crisisbot help [COMMAND]
//
// "crisisbot help" lists the commands, and "crisisbot help COMMAND" (or
// "crisisbot COMMAND -h") gives a command's flags.
//
// With no config file it runs offline: a local embedder and an extractive
// composer that quotes the articles. On first use it stores the five bundled
// articles; a crash while it does is finished by the next start. Once
// stored they are never stored again, so the ones removed stay removed;
// with corpus.bundled: false it runs on the operator's articles alone.
//
// The commands are:
//
//	ask [--json] QUESTION
//		Answer a question, then list the numbered sources. Where the
//		sources disagree on the asked fact, the answer says so and cites
//		both sides ("Do the sources agree on …?" asks for that fact).
//		"According to <outlet>" answers from that outlet's articles,
//		when they answer; "according to X" or "what did X say" from X's
//		words (a capital speaks for its country). When the articles do
//		not cover the question, it says so and the answer is not
//		grounded. --json prints one object:
//		{"question", "answer", "grounded", "mode", "citations": [{"ref",
//		"doc_id", "passage_id", "title", "outlet", "published", "url",
//		"text"}]}, with "date_note" when the answer says which days a
//		relative date ("last week") means. Questions are limited to
//		answer.max_question_chars
//		(default 1000) characters; a longer one is a usage error.
//		Discord mention syntax (@everyone, @here, <@123>, <#123>) is
//		removed from a question, here as on Discord.
//
//	search [--json] [--top K] [--mode hybrid|vector|lexical] QUERY
//		Show the passages a query retrieves, with their fused scores.
//
//	ingest [--json] PATH_OR_URL...
//	ingest --feeds [--json]
//		Add .md (with optional YAML front matter: id, title, outlet,
//		published, published_precision, published_note, url; "date" is
//		read as published), .txt and .html files, directories of them,
//		and http(s) URLs of articles.
//		A file without an id in its front matter is named by its file
//		name, or in a directory by its path below it (a/x.md is a-x).
//		Files a directory holds that are not articles, or are symbolic
//		links, are skipped with the reason. An unchanged document is skipped; a changed one replaces its
//		passages. In a directory, a file that cannot be read or parsed
//		is refused with its reason and the others are stored; a single
//		file or URL that cannot stops the ingest before anything is
//		stored. An id already stored from another file or URL is
//		refused. Documents are stored in batches of about 256
//		passages, so an interrupted ingest keeps every batch it stored;
//		running it again finishes the rest. A URL's
//		article is identified by its canonical URL (the page's
//		rel=canonical, or the URL without tracking parameters).
//		Downloads follow the fetch section of the config: a timeout, a
//		size cap, bounded redirects, and no loopback, private or
//		link-local addresses unless fetch.allow_private is set.
//		With --feeds it polls the RSS/Atom feeds of feeds.urls once, as
//		serve does every feeds.poll_interval: each new or updated item's
//		page is fetched and its article extracted, items not about the
//		topic (topic.keywords, topic.description) are skipped with the
//		reason printed, and items already stored under the same URL or
//		with the same text are not stored again: "added" counts only
//		articles that are new to the data directory. A feed that fails does
//		not stop the others; the exit status is 1 when any failed.
//		An ingest of files, directories or URLs that takes more than a
//		second shows its progress on stderr every second, and when it
//		ends: articles, passages and passages a second.
//		Only regular files are read: a FIFO, a device or a socket is
//		refused by name (and never read, so it cannot hang the ingest),
//		and links are followed only to regular files (inside a
//		directory, a link to a directory is skipped). A document over
//		corpus.max_document_bytes (5 MB) or corpus.max_passages (1000)
//		is refused. Each refusal is a line in the report
//		("refused FILE: REASON"; "refused" in --json); the other
//		documents are stored, nothing stored before is touched, and the
//		exit status is 1.
//
//	sources [--json]
//		List the stored articles: id, date, passage count, outlet, title.
//
//	remove ID...
//		Remove stored articles and their passages.
//
//	eval [--set bundled|real|fresh|all] [--split dev|test|all] [--misses] [--json]
//		Run the evaluation sets with the embedded default (local
//		embedder, extractive answers), beside a plain BM25 baseline in
//		the same run: the bundled set (eval/questions.yaml over the five
//		bundled articles, all of it development data) and the real set
//		(eval/real.yaml and eval/dates.yaml over the articles in
//		eval/testdata/real and the bundled five), whose dev and held-out
//		test splits are reported separately, and the fresh set
//		(eval/fresh.yaml and eval/fresh_dates.yaml over the articles in
//		eval/testdata/fresh, with the real and bundled ones as
//		distractors), all of it held out and never tuned on. Each set
//		and split gets a
//		table: retrieval hit@1 and hit@5, paraphrase hit@5, answer fact
//		rate, citation support, disagreements shown, false
//		disagreements, attribution accuracy, abstention and false
//		abstention, then the timeline date figures, then the hybrid
//		misses with their causes and the date items missed. The test
//		split's and the fresh set's misses are never shown unless
//		--misses asks for them, for a final review; --json leaves out its details
//		likewise. Defaults: every set, both splits.
//
//	chat
//		The terminal twin of the Discord bot: the same commands and
//		replies, typed. A line that is not a command is a question, and
//		follows up on the earlier ones ("what did Moscow say about
//		that?"; "when?" after "did Zelensky call Aliyev?" asks when he
//		did; "who said that?" is answered from the speech read in the
//		sentence the last answer quoted first, and "when?" after
//		someone's words from the day that sentence gives them, or the
//		day its article was published; "what did he say?" after "who
//		was summoned …?" asks of the person the answer named, and after
//		"why was the Russian ambassador summoned?" of the ambassador;
//		"no, I meant the Sputnik staff" asks the last question again of
//		them, and "and Russia?" or "and in Baku?" asks it in place of
//		its one name or place of that kind; "how many?" after "why were
//		Russian citizens detained in Baku?" asks how many were). A
//		question of someone's words on a day ("what did Peskov say on
//		July 7?") is answered by words of that day only, or says the
//		articles date none of his to it.
//		Commands: /ask question:TEXT [private:true], /sources,
//		/about, /timeline [from:…] [to:…] [about:…], /digest now,
//		/digest list, /help (text no option takes, as in "/timeline
//		Sputnik", is named back, not dropped); /good, /bad
//		and /passages press the last answer's 👍, 👎 and Sources
//		buttons, /prev and /next turn the timeline's pages; /new forgets the conversation; /quit
//		leaves. Piped input works, and each reply is then preceded by
//		"> " and the line it answers, so the output reads as a transcript.
//		A line too long to be a question is refused, and the next is read.
//
//	serve
//		Run the Discord bot until SIGINT or SIGTERM. The token comes from
//		$DISCORD_TOKEN (discord.token_env). It answers @mentions (starting
//		a thread for follow-ups, or replying inline), replies to its
//		answers, messages in its threads, /ask, /sources, /about,
//		/timeline and /digest, and
//		every question in discord.answer_channels. It never pings anyone.
//		With serve.http_addr set it serves /healthz and Prometheus
//		/metrics. On a signal it stops taking questions and gives answers
//		in flight discord.shutdown_grace to finish. It opens one gateway
//		session per shard: as many as Discord recommends, or
//		discord.shards; discord.shard_ids splits them between processes.
//		A connection whose heartbeats go unacknowledged for 1.5 intervals
//		is closed and resumed.
//		It also polls feeds.urls (see ingest --feeds), refreshing the
//		timeline for each new article, and posts the daily digest to each
//		subscribed channel (digest.subscriptions, or /digest subscribe
//		channel:#news time:08:30 timezone:Asia/Baku, which needs Manage
//		Server; /digest unsubscribe stops it, /digest list shows them and
//		/digest now previews the next digest privately). Members with
//		Manage Server add the article at a URL with /ingest url:… (fetched
//		through the fetch section's guard, as feeds are) and remove one
//		with /remove id:…; both reply privately. A channel gets at
//		most one digest per scheduled day, at its local time (DST
//		included), even across restarts and crashes: the day is claimed
//		in DATA_DIR/digest.json before posting and confirmed after, and a
//		claim left by a crash is settled by looking for the post in the
//		channel. A bot that was down at the scheduled time posts one
//		catch-up digest when it starts, covering the whole gap. A failed
//		post is retried with backoff.
//
//	feedback [--json] [--down]
//		List the 👍/👎 votes given on answers, newest first, with the
//		question (a follow-up with the question it followed), the mode
//		and the cited passage ids. It reads DATA_DIR/feedback.jsonl, so
//		it works while serve runs; a damaged line is skipped with a
//		warning, here and in chat and serve.
//
//	timeline [--from DATE] [--to DATE] [--about TOPIC] [--json]
//		The dated chain of events across the stored articles, one line
//		per event: the date as precise as the sources give it (day,
//		month, year or a range such as "early 2000s"), a summary, and
//		its numbered sources; articles that date it only to its month
//		or year follow with that date ("(December 2024: [3][5])").
//		Where sources give the same event
//		different dates or figures, the line shows each claim with its
//		sources ("sources differ: December 2023 [1] · December 2024
//		[2][3][4]"); where sides give different causes of a death, each
//		side's account with its speakers and the articles relaying it
//		("accounts differ: heart failure, per Russian investigators
//		[1][2] · beaten to death, per Azerbaijani prosecutors [1][3]").
//		Dates may be 2025, 2025-06,
//		2025-06-30, June 2025 or 30 June 2025; an event is kept when
//		its date overlaps the range. --about keeps the events about a
//		topic (Sputnik, airliner, Armenia): those whose quotes hold
//		every word of it ("Sputnik arrests"); when none does, those
//		quoted from the passages that rank highest for it and hold one
//		of its words ("plane crash"). A topic no article names finds
//		nothing; an empty one, or one of no word to look for ("the"),
//		is a usage error. --json prints {"events":
//		[{"date", "precision", "summary", "sources": [{"doc_id",
//		"title", "quote", "passage_id"}], "conflicts": [{"claim",
//		"date", "sources", "account"}], "ends"}]}, sorted by date
//		("account" is true for a side's account of a death); "ends" is true,
//		and the line's date reads "until 19 July 2025", for the end of a
//		term still ahead when the sources wrote ("remanded until July
//		19"): not a day anything happened. "When" questions in ask
//		draw on the same timeline: the answer adds the event's date
//		citing every article whose own sentence gives it, or each
//		date with its articles where they differ.
//
//	digest [--since DURATION|DATE] [--channel ID] [--json]
//		Print the digest the bot would post now: the articles stored
//		since the last digest, newest published first, each with its
//		lead and a citation, the
//		new timeline events, and the new disagreements between sources,
//		then the numbered sources. With nothing new it says "Nothing new
//		since DATE". --since starts elsewhere: 36h, 3d (more than
//		zero), 2026-11-20 (in
//		digest.timezone) or an RFC 3339 time, counting what was stored
//		from then on, whenever it was published; without it the digest
//		starts at the last one posted (to --channel, or to any channel),
//		else a day ago. With llm.model set, a short overview paragraph
//		citing the articles comes first. A digest too long for one
//		Discord message leaves out the oldest items and says how many
//		("…and 3 more articles"), here as in the post. --json prints
//		the sections before that fitting (up to digest.max_articles
//		articles): {"since", "until", "overview", "articles",
//		"more", "events", "more_events", "disagreements",
//		"more_disagreements", "citations"}. Bundled articles are never
//		news; a disagreement is the timeline's (an event's date, count
//		or accounts of a cause; not a person's age, which no event
//		has), and new when one of its sides comes from new articles
//		alone; an updated article is marked (updated). /digest now on
//		Discord previews it too.
//
//	check [--json]
//		Verify the data directory's store (DATA_DIR/crisisbot.db)
//		without changing it: every page is read, bbolt's consistency
//		check runs, then crisisbot's own: every passage listed by its
//		document and with a vector of the store's embedder, every
//		document with its text, the schema. Each problem is a line; the
//		exit status is 1 when there is one. Notes name what the next
//		start finishes on its own (facts to read again, an interrupted
//		re-embed).
//
//	backup FILE
//		Write a consistent copy of the store to FILE, read in one
//		transaction and checked (pages and bbolt's consistency) before it
//		replaces FILE, so a damaged store never overwrites a good
//		backup. To restore, stop crisisbot and copy FILE to
//		DATA_DIR/crisisbot.db. check and backup open the store read-only,
//		so they run beside each other; while serve runs, serve checks the
//		store and writes the copy, beside its own writes.
//
//	version
//		Print the module version and what the build recorded of its
//		source: the VCS revision, whether the tree was modified, the
//		commit time, and the Go version; --version does the same, and
//		/about shows it. A binary built by go run or with
//		-buildvcs=false says that no revision was recorded.
//
// The data directory is ./data by default, relative to the working
// directory; --data-dir DIR, before or after the command, or data_dir in
// the config file chooses another (the flag wins). --config FILE may also
// stand on either side of the command.
//
// The config file (see config.example.yaml) chooses the data directory, the
// embedder (local, or any OpenAI-compatible embeddings endpoint) and the
// optional chat model. Secrets come only from the environment: the file names
// the variable (OPENAI_API_KEY by default). $CRISISBOT_CONFIG names the file
// when --config is not given.
//
// The model's reply is capped at llm.max_tokens (default 600, sent as
// max_tokens; a reply body far beyond it is refused). A stuck or failing
// model costs at most llm.deadline (default 20s, each request at most
// llm.timeout, 15s): failures are retried, after the server's Retry-After
// when it asks for longer, and when no retry fits in the deadline the
// answer is the extractive one, with a note. ask and chat say "waiting for
// the model…" after 3 seconds. A refused key (401) names the variable to
// check.
//
// Control characters and terminal escape sequences, from articles, the
// model or users, are stripped from everything printed and sent to
// Discord.
//
// Flags may stand before or after the arguments; "--" ends them.
//
// While serve runs, it serves a local API on DATA_DIR/crisisbot.sock (mode
// 0600), and ask, search, sources, timeline, digest, ingest, remove, check,
// backup and chat run through it: the output is the same, and an ingest or
// remove reaches the running bot's library and timeline at once; chat's
// answers and votes are kept by serve, the one writer of their files.
// Otherwise ask, search, sources and timeline read the data directory side
// by side, and ask lets go of it before it calls the model; the other
// commands (and a reader whose store needs work first, such as storing
// the bundled articles on first use) have it to themselves. A process that
// must wait waits 2 s, then names a process holding the directory (its PID
// and command).
//
// A damaged store (a disk fault, a file cut short or emptied) stops
// every command with exit status 1 and a message naming the file and how to
// recover: copy the last backup over it, or move it aside to start over. It
// is never replaced by a fresh store, and never panics.
//
// Exit status is 0 on success, 2 on a usage error, and 1 on any other error.
package main
