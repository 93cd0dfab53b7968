/* dmaports.h - the kernel-owned ports and PCI configuration attacked from ring 3 (dmaports.c). */
#ifndef USER_USERTESTS_DMAPORTS_H
#define USER_USERTESTS_DMAPORTS_H

int t_dmaports_out_traps(void);
int t_dmaports_bm_out_traps(void);
int t_dmaports_derive_refused(void);
int t_dmaports_bm_derive_refused(void);
int t_dmaports_pci_writes_refused(void);
int t_dmaports_pcicfg_cap(void);
int t_dmaports_sweep_real_grants(void);
int t_dmaports_bus_masters_off(void);
int t_dmaports_bme_clear_refused(void);
int t_dmaports_bridge_window_bytes_refused(void);
int t_dmaports_msi_refused(void);

#endif
