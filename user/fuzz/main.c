/*
 * main.c - the fuzzer's roles (user/fuzz/fuzz.h): the first argument
 * chooses one.
 */
#include "user/fuzz/fuzz.h"
#include "user/lib/ulib.h"

uint32_t fz_ku;

void ku_parse(const char *list)
{
	fz_ku = 0;
	while (list && *list) {
		unsigned n = atou(list);
		if (n < KU_MAX)
			fz_ku |= 1u << n;
		while (*list && *list != ',')
			list++;
		if (*list == ',')
			list++;
	}
}

int main(int argc, char **argv)
{
	if (argc > 1 && streq(argv[1], "worker"))
		return fuzz_worker(argc, argv);
	if (argc > 1 && streq(argv[1], "child"))
		return fuzz_child(argc, argv);
	if (argc > 1 && streq(argv[1], "ticker"))
		return fuzz_ticker();
	if (argc > 2 && streq(argv[1], "pump"))
		return fuzz_pump(streq(argv[2], "1"));
	return fuzz_supervisor(argc, argv);
}
