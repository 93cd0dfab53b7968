/* drvtests.h - boot tests of the ring-3 drivers, each started with exactly its grants. */
#ifndef USER_USERTESTS_DRVTESTS_H
#define USER_USERTESTS_DRVTESTS_H

int t_rtc_date_and_update_interrupts(void);
int t_rtc_port_outside_grant_traps(void);
int t_rtc_restart_keeps_interrupts(void);
int t_pci_lists_the_piix(void);
int t_pci_cfg_read_needs_the_device_cap(void);

#endif
