/*
 * dmaisa.h - the ISA DMA tests (user/usertests/dmaisa.c): the floppy round
 * trip by channel 2 and the 8237 refusals, each with its documented error.
 */
#ifndef USER_USERTESTS_DMAISA_H
#define USER_USERTESTS_DMAISA_H

int t_dmaisa_floppy_round_trip(void);
int t_dmaisa_valid_request_on_idle_channel(void);
int t_dmaisa_outside_buffer_refused(void);
int t_dmaisa_bad_mode_refused(void);
int t_dmaisa_bad_channel_refused(void);
int t_dmaisa_word_channel_needs_words(void);
int t_dmaisa_readonly_buffer_not_written(void);
int t_dmaisa_busy_channel_refused(void);
int t_dmaisa_buffer_gone_in_flight_stops(void);
int t_dmaisa_unreachable_memory_refused(void);
int t_dmaisa_top_of_low_memory(void);

#endif
