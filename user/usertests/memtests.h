/*
 * memtests.h - memory as capabilities, attacked from ring 3
 * (user/usertests/memtests.c): one test per property of docs/memory.md.
 */
#ifndef USER_USERTESTS_MEMTESTS_H
#define USER_USERTESTS_MEMTESTS_H

int t_mem_root_caps_cover_no_ram(void);
int t_mem_kernel_devices_ungrantable(void);
int t_mem_mmio_window_maps(void);
int t_mem_map_outside_user_range(void);
int t_mem_map_unaligned(void);
int t_mem_map_over_mapped(void);
int t_mem_rights_bounded_by_cap(void);
int t_mem_readonly_write_faults(void);
int t_mem_protect_down_faults(void);
int t_mem_revoke_unmaps_three(void);
int t_mem_delete_unmaps(void);
int t_mem_move_unmaps(void);
int t_mem_map_foreign_space(void);
int t_mem_returns_to_untyped(void);
int t_mem_quota_exhausted(void);
int t_mem_objects_quota_per_task(void);
int t_mem_frame_not_retyped(void);
int t_mem_page_tables_charged(void);
int t_mem_exit_restart_return_memory(void);
int t_mem_revoke_untyped_reclaims(void);
int t_mem_child_death_keeps_frame(void);
int t_mem_sub_range_maps_its_pages(void);
int t_mem_unmap_nothing(void);
int t_mem_forged_arguments(void);

#endif
