/*
 * dmaide.h - DMA through the IDE bus master, attacked from ring 3
 * (user/usertests/dmaide.c): one test per rule of docs/dma.md.
 */
#ifndef USER_USERTESTS_DMAIDE_H
#define USER_USERTESTS_DMAIDE_H

int t_dma_buffer_is_a_pinned_frame(void);
int t_dma_chan_mint_narrows(void);
int t_dma_refuses_bad_requests(void);
int t_dma_second_start_busy(void);
int t_dma_overrun_refused_with_drive_armed(void);
int t_dma_ide_round_trip(void);
int t_dma_buffer_gone_stops_engine(void);
int t_dma_chan_gone_stops_engine(void);
int t_dma_driver_death_stops_engine(void);
int t_dma_restart_ends_transfer(void);

#endif
