#ifndef USER_USERTESTS_DRVTESTS_KBD_H
#define USER_USERTESTS_DRVTESTS_KBD_H
#include "user/usertests/ut.h"

/* In every run: the driver's start-up checks and its service endpoint. */
int t_kbd_needs_its_ports(void);
int t_kbd_answers_stats(void);
int t_kbd_irq_taken_refused(void);
int t_kbd_restart_takes_irq_again(void);
/* Only in `test kbd`: the host types on QEMU's keyboard (tests/boot/kbd_test.sh). */
int t_kbd_typed_text(void);
/* Only in `test nokbd`, on a machine without an i8042. */
int t_kbd_no_controller(void);

#endif
