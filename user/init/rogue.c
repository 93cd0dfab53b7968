/*
 * rogue.c - checking a user's choice of ports and accesses for the rogue
 * driver, and starting it with exactly those ports (rogue.h).  The ports
 * go through the manifest parser, appended to the running manifest as one
 * more line, so the same syntax and the same rule hold: no port gets a
 * second owner (a rogue given COM1 would garble the console; that is an
 * experiment on the console, not on the rogue).
 */
#include "user/init/rogue.h"
#include "user/lib/ulib.h"

static char text[4096 + 160];
static struct manifest both;

/* The first word of words into buf (NUL-terminated); returns where the rest starts. */
static const char *first_word(const char *words, char *buf, unsigned n)
{
	unsigned len = 0;
	while (*words == ' ')
		words++;
	while (*words && *words != ' ')
		if (len + 1 < n)
			buf[len++] = *words++;
		else
			words++;
	buf[len] = 0;
	return words;
}

static long check_ports(const char *ports, const char *conf, unsigned len, struct rogue_req *req)
{
	struct manifest_error err;
	if (len + 160 > sizeof(text))
		return -E_RANGE;
	memcpy(text, conf, len);
	int at = (int)len;
	if (len && conf[len - 1] != '\n')
		text[at++] = '\n';
	int prefix = fmt_snprintf(text + at, sizeof(text) - (unsigned)at, "rogue ports=");
	at += prefix + fmt_snprintf(text + at + prefix, sizeof(text) - (unsigned)(at + prefix),
				    "%s\n", ports);
	if (manifest_parse(text, (size_t)at, &both, &err)) {
		printf("init: rogue: ports '%s': %s\n", ports, err.msg);
		return -E_INVAL;
	}
	req->grant = both.e[both.n - 1];
	return 0;
}

long rogue_request(const char *words, const char *conf, unsigned len, struct rogue_req *req)
{
	char ports[96];
	struct access acc[ACCESS_MAX];
	struct access_grant g[MANIFEST_MAX_RANGES];
	int n;
	const char *rest = first_word(words, ports, sizeof(ports));
	long r = check_ports(ports[0] ? ports : ROGUE_PORTS_DEFAULT, conf, len, req);
	if (r)
		return r;
	while (*rest == ' ')
		rest++;
	int bad = access_parse_list(*rest ? rest : ACCESS_DEFAULT, acc, &n);
	if (bad) {
		printf("init: rogue: access %d: want <in|out|ins|outs><b|w|l>:<port>, cli or sti (at most %d)\n",
		       bad, ACCESS_MAX);
		return -E_INVAL;
	}
	fmt_snprintf(req->args, sizeof(req->args), "%s", rest);
	for (int i = 0; i < req->grant.nports; i++)
		g[i] = (struct access_grant){ req->grant.ports[i].base, req->grant.ports[i].count };
	req->denied = 0;
	for (int i = 0; i < n; i++)
		req->denied += !access_allowed(&acc[i], g, req->grant.nports);
	return 0;
}

int rogue_spawn(const struct rogue_req *req, unsigned root_ioports, unsigned scratch)
{
	struct ioports io[MANIFEST_MAX_RANGES];
	for (int i = 0; i < req->grant.nports; i++)
		io[i] = (struct ioports){ req->grant.ports[i].base, req->grant.ports[i].count, IOR_ALL };
	return spawn_granted("rogue", req->args, root_ioports, scratch, io, req->grant.nports);
}
