// Package fakediscord is an in-process fake of Discord for end-to-end tests:
// the REST API over httptest on loopback plus a gateway websocket, speaking
// raw JSON so that a real *discordgo.Session can be pointed at it through a
// Transport that rewrites "https://discord.com/api/v9/" onto APIURL.
//
// It records every REST call and every gateway frame, keeps the channels,
// messages, threads, guilds, members and application commands that tests add
// or that the client creates, and answers with Discord-shaped JSON, including
// Discord's error bodies ({"message": ..., "code": ...}) and its limits on
// message size. Waiting is on recorded events with a context, never on the
// clock. Like Discord, it serves every shard of a bot on its own
// connection, each with its own guilds' events (guild_id >> 22 %
// num_shards), and ends a session its client closes with 1000 or 1001.
//
// A test points a real session at it and drives it:
//
//	fake := fakediscord.New(fakediscord.Options{AppID: "777"})
//	defer fake.Close()
//	dg, _ := discordgo.New("Bot x")
//	dg.Client = &http.Client{Transport: rewriteTo(fake.APIURL())} // https://discord.com/api/v9/ -> APIURL
//	dg.Open()
//	defer func() { dg.ShouldReconnectOnError = false; dg.Close() }()
//	fake.Dispatch("INTERACTION_CREATE", fake.SlashCommand(fakediscord.Actor{GuildID: "9"}, "ask",
//		fakediscord.Option("question", "What did Russia say?")))
//	call, _ := fake.WaitCall(ctx, func(c fakediscord.Call) bool { return c.Is("PATCH", "webhooks/") })
//
// It is a normal package, not a _test file, so that several packages' tests
// can share it; it must not import discordgo (only bot/ does).
package fakediscord
