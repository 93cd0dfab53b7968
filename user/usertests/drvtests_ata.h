#ifndef USER_USERTESTS_DRVTESTS_ATA_H
#define USER_USERTESTS_DRVTESTS_ATA_H
#include "user/usertests/ut.h"

int t_ata_identify_and_signature(void);
int t_ata_write_read_back(void);
int t_ata_bad_requests(void);
int t_ata_two_clients_dont_mix(void);
int t_ata_many_sectors_one_request(void);
int t_ata_polls_without_interrupt(void);
int t_ata_absent_devices(void);
int t_ata_dma_round_trip(void);
int t_ata_pio_without_dma_chan(void);
#endif
