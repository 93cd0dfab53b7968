/* hello.c - the smallest program: prints its arguments. */
#include "user/lib/ulib.h"

int main(int argc, char **argv)
{
	printf("hello: tid %d, %d argument(s):", (int)sys_getpid(), argc - 1);
	for (int i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
	return 0;
}
