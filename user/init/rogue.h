/*
 * rogue.h - the root task starting the rogue driver (drivers/rogue) with
 * the grant and the accesses a user chose: from the shell (`rogue <ports>
 * <access>...`, ROOT_START) or from init's own arguments (`make run-rogue
 * ROGUE="..."`).  docs/iocap.md, "The rogue driver".
 */
#ifndef USER_INIT_ROGUE_H
#define USER_INIT_ROGUE_H

#include "drivers/rogue/access.h"
#include "user/init/manifest.h"

#define ROGUE_PORTS_DEFAULT "0x2f8-0x2ff"      /* COM2, which nobody else uses */

struct rogue_req {
	struct manifest_entry grant;   /* its ports, as a manifest line would give them */
	char args[128];                /* the accesses, for its argument string */
	unsigned denied;               /* how many of them the grant does not allow */
};

/*
 * Reads "[<ports> [<access>...]]": ports as the manifest's ports= (default
 * ROGUE_PORTS_DEFAULT), none of them a port that manifest text conf
 * (len bytes, may be 0) already gives a task; accesses as access.h
 * (default ACCESS_DEFAULT).  0, or -E_INVAL after printing what is wrong.
 */
long rogue_request(const char *words, const char *conf, unsigned len, struct rogue_req *req);
/* The rogue, suspended, with req's ports in slots 0..; its tid or -E_x. */
int rogue_spawn(const struct rogue_req *req, unsigned root_ioports, unsigned scratch);

#endif
